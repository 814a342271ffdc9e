/**
 * A data test over the project's real rule files: they load, and they cover what the extension promises — every
 * topic of the taxonomy, in both languages, with sources and EU status, and enough hype markers to be useful. Most of
 * this is also checked by `checkRuleSet` when the rules load; here each promise has its own test and its own message.
 */
import { describe, expect, it } from 'vitest';
import { loadRules, type LoadedRules } from '../../src/knowledge/load';
import { LANGS, TOPIC_IDS, type PhraseRule, type RuleKind } from '../../src/knowledge/schema';
import { RULES_DIR } from '../../src/cli/engine';

/** The taxonomy of magnesium claims, written out so that a topic cannot silently disappear from the schema. */
const TAXONOMY = [
  'sleep',
  'stress',
  'anxiety',
  'depression',
  'cramps',
  'fatigue',
  'detox',
  'bones',
  'heart',
  'migraine',
  'cognition',
  'deficiency',
  'forms',
  'topical',
  'speed',
  'cure-all',
  'safety',
];

/** Fewer hype patterns than this per language and the hype detection misses the common marketing phrases. */
const MIN_HYPE_PATTERNS_PER_LANG = 30;

interface RuleAt {
  file: string;
  kind: RuleKind;
  lang: string;
  rule: PhraseRule;
}

function rulesOf(loaded: LoadedRules): RuleAt[] {
  return loaded.phrases.flatMap(({ file, data }) =>
    data.rules.map((rule) => ({ file, kind: data.kind, lang: data.lang, rule })),
  );
}

let loaded: LoadedRules | undefined;
let loadError: unknown;
try {
  loaded = loadRules(RULES_DIR);
} catch (error) {
  loadError = error;
}

describe('rules data', () => {
  it('loads and validates without problems', () => {
    expect(() => loadRules(RULES_DIR)).not.toThrow();
    expect(loadError).toBeUndefined();
  });
  if (!loaded) return;
  const { knowledge, knowledgeFile } = loaded;
  const rules = rulesOf(loaded);

  it('the taxonomy has its 17 topics, and the knowledge file has exactly those', () => {
    expect(TAXONOMY).toHaveLength(17);
    expect([...TOPIC_IDS]).toEqual(TAXONOMY);
    expect(Object.keys(knowledge.topics).sort()).toEqual([...TAXONOMY].sort());
  });

  it('rule ids are unique across all files', () => {
    const files = new Map<string, string[]>();
    for (const { file, rule } of rules) files.set(rule.id, [...(files.get(rule.id) ?? []), file]);
    const duplicates = [...files]
      .filter(([, where]) => where.length > 1)
      .map(([id, where]) => `${id} in ${where.join(', ')}`);
    expect(duplicates).toEqual([]);
  });

  it('every topic, sub-claim and EU claim a rule names exists in the knowledge file', () => {
    const problems: string[] = [];
    for (const { file, rule } of rules) {
      const topic = rule.topic ? knowledge.topics[rule.topic] : undefined;
      if (rule.topic && !topic) problems.push(`${file} ${rule.id}: unknown topic "${rule.topic}"`);
      if (rule.subclaim && !topic?.subclaims?.some((subclaim) => subclaim.id === rule.subclaim)) {
        problems.push(
          `${file} ${rule.id}: "${rule.subclaim}" is no sub-claim of "${rule.topic}" in ${knowledgeFile}`,
        );
      }
      if (rule.euClaim && !(rule.euClaim in knowledge.euClaims)) {
        problems.push(`${file} ${rule.id}: unknown EU claim "${rule.euClaim}"`);
      }
    }
    for (const topic of TOPIC_IDS) {
      for (const claim of knowledge.topics[topic].eu.claims ?? []) {
        if (!(claim in knowledge.euClaims))
          problems.push(`${knowledgeFile} ${topic}: unknown EU claim "${claim}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('trigger rules name a topic, and only trigger and authorised rules do', () => {
    const problems = rules
      .filter(({ kind, rule }) => (kind === 'trigger' ? !rule.topic : kind !== 'authorised' && rule.topic))
      .map(({ file, kind, rule }) => `${file} ${rule.id} (${kind}): topic ${JSON.stringify(rule.topic)}`);
    expect(problems).toEqual([]);
  });

  it.each(TAXONOMY)('topic %s has trigger rules in nl and en', (topic) => {
    const langs = new Set(
      rules.filter(({ kind, rule }) => kind === 'trigger' && rule.topic === topic).map((r) => r.lang),
    );
    for (const lang of LANGS) {
      expect(langs.has(lang) || langs.has('any'), `no ${lang} trigger rule for topic "${topic}"`).toBe(true);
    }
  });

  it('no pattern is listed twice within one kind and language', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { file, kind, lang, rule } of rules) {
      for (const pattern of rule.patterns) {
        const key = `${kind}/${lang}/${pattern.trim().toLowerCase().replace(/\s+/g, ' ')}`;
        const first = seen.get(key);
        if (first) duplicates.push(`${key}: ${first} and ${file} ${rule.id}`);
        else seen.set(key, `${file} ${rule.id}`);
      }
    }
    expect(duplicates).toEqual([]);
  });

  it('every rule has match and noMatch examples', () => {
    const empty = rules
      .filter(({ rule }) => !rule.examples?.match?.length || !rule.examples?.noMatch?.length)
      .map(({ file, rule }) => `${file} ${rule.id}`);
    expect(empty).toEqual([]);
  });

  it.each(LANGS)(`hype markers in %s: at least ${MIN_HYPE_PATTERNS_PER_LANG} patterns`, (lang) => {
    const count = rules
      .filter((entry) => entry.kind === 'hype' && (entry.lang === lang || entry.lang === 'any'))
      .reduce((sum, { rule }) => sum + rule.patterns.length, 0);
    expect(count).toBeGreaterThanOrEqual(MIN_HYPE_PATTERNS_PER_LANG);
  });

  it.each(TAXONOMY)('knowledge topic %s has a verdict, nl and en texts, sources and EU status', (id) => {
    const topic = knowledge.topics[id as keyof typeof knowledge.topics];
    expect(topic, `topic "${id}" missing from ${knowledgeFile}`).toBeDefined();
    expect(topic.verdict).toBeTruthy();
    for (const lang of LANGS) {
      const text = topic.text[lang];
      for (const field of ['label', 'headline', 'isTrue', 'overstated', 'saferWording'] as const) {
        expect(text?.[field]?.trim(), `${id}.text.${lang}.${field}`).toBeTruthy();
      }
      expect(topic.eu.note[lang]?.trim(), `${id}.eu.note.${lang}`).toBeTruthy();
      for (const subclaim of topic.subclaims ?? []) {
        expect(
          subclaim.text[lang]?.headline?.trim(),
          `${id}.subclaims.${subclaim.id}.text.${lang}`,
        ).toBeTruthy();
      }
    }
    expect(topic.sources.length, `${id}.sources`).toBeGreaterThan(0);
    expect(['closest', 'none', 'medical']).toContain(topic.eu.status);
    if (topic.eu.status === 'closest') expect(topic.eu.claims?.length, `${id}.eu.claims`).toBeGreaterThan(0);
  });

  it('every EU claim has nl and en wording', () => {
    const claims = Object.entries(knowledge.euClaims);
    expect(claims.length).toBeGreaterThan(0);
    for (const [id, wording] of claims) {
      for (const lang of LANGS) expect(wording[lang]?.trim(), `euClaims.${id}.${lang}`).toBeTruthy();
    }
  });
});
