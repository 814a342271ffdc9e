/**
 * Malformed rule files must fail loudly and precisely: each test copies the real `rules/` to a temporary directory,
 * breaks one thing, and expects `loadRules` to report it as `<file>: <path>: <reason>`, with the file relative to the
 * project root (`rules/knowledge/magnesium.yaml`), so that a rule author can go straight to the line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadRules, RulesValidationError } from '../../src/knowledge/load';
import { TOPIC_IDS } from '../../src/knowledge/schema';
import { RULES_DIR } from '../../src/cli/engine';

const KNOWLEDGE = 'rules/knowledge/magnesium.yaml';
const NL_TRIGGERS = 'rules/phrases/nl/triggers.yaml';
const EN_TRIGGERS = 'rules/phrases/en/triggers.yaml';
const AUTHORISED = 'rules/phrases/shared/authorised.yaml';

// The parsed YAML is mutated freely; its shape is what the schema is about to check.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Yaml = any;

const tempRoots: string[] = [];

afterEach(() => {
  for (const root of tempRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A fresh copy of the real rules, as `<tmp>/rules`, so that problems name `rules/...` like in the repository. */
function copyRules(): string {
  const root = mkdtempSync(join(tmpdir(), 'nuchter-rules-'));
  tempRoots.push(root);
  cpSync(RULES_DIR, join(root, 'rules'), { recursive: true });
  return root;
}

/** Parses one YAML file of the copy, lets `mutate` change it, and writes it back. */
function editYaml(root: string, file: string, mutate: (data: Yaml) => void): void {
  const path = join(root, file);
  const data: Yaml = parse(readFileSync(path, 'utf8'));
  mutate(data);
  writeFileSync(path, stringify(data));
}

/** Loads the copy and returns the problems it reports; fails the test when it loads without any. */
function problemsOf(root: string): string[] {
  try {
    loadRules(join(root, 'rules'));
  } catch (error) {
    expect(error).toBeInstanceOf(RulesValidationError);
    return (error as RulesValidationError).problems;
  }
  throw new Error('expected loadRules to reject the broken rules, but they loaded');
}

/** Breaks one file of a fresh copy and returns the problems. */
function problemsAfter(file: string, mutate: (data: Yaml) => void): string[] {
  const root = copyRules();
  editYaml(root, file, mutate);
  return problemsOf(root);
}

/** Index of the rule with this id in a phrase file, so that messages can name `rules[i](id)`. */
function ruleIndex(file: string, id: string): number {
  const data: Yaml = parse(readFileSync(join(RULES_DIR, '..', file), 'utf8'));
  const index = (data.rules as { id: string }[]).findIndex((rule) => rule.id === id);
  if (index < 0) throw new Error(`baseline: no rule ${id} in ${file}`);
  return index;
}

function byId(data: Yaml, id: string): Yaml {
  const rule = (data.rules as Yaml[]).find((entry) => entry.id === id);
  if (!rule) throw new Error(`baseline: no rule ${id}`);
  return rule;
}

describe('malformed rule files', () => {
  it('the unchanged copy loads (the baseline every other test breaks one thing of)', () => {
    const root = copyRules();
    expect(() => loadRules(join(root, 'rules'))).not.toThrow();
  });

  it('reports a verdict outside the scale', () => {
    const problems = problemsAfter(KNOWLEDGE, (data) => {
      data.topics.sleep.verdict = 'maybe';
    });
    expect(problems).toContain(
      `${KNOWLEDGE}: topics.sleep.verdict: expected one of established|plausible-limited|mixed|not-supported|misleading, got "maybe"`,
    );
  });

  it('reports a topic text without its English version', () => {
    const problems = problemsAfter(KNOWLEDGE, (data) => {
      delete data.topics.sleep.text.en;
    });
    expect(problems).toContain(`${KNOWLEDGE}: topics.sleep.text.en: missing (expected object)`);
  });

  it('reports an EU claim without its Dutch wording', () => {
    const problems = problemsAfter(KNOWLEDGE, (data) => {
      delete data.euClaims.tiredness.nl;
    });
    expect(problems).toContain(`${KNOWLEDGE}: euClaims.tiredness.nl: missing (expected string)`);
  });

  it('reports a missing topic of the taxonomy', () => {
    const problems = problemsAfter(KNOWLEDGE, (data) => {
      delete data.topics.safety;
    });
    expect(problems).toContain(`${KNOWLEDGE}: topics.safety: missing (expected object)`);
  });

  it('reports an unknown key in the knowledge file', () => {
    const problems = problemsAfter(KNOWLEDGE, (data) => {
      data.topics.sleep.verdikt = 'mixed';
    });
    expect(problems).toContain(`${KNOWLEDGE}: topics.sleep: unknown key "verdikt"`);
  });

  it('reports an unknown key in a phrase rule, naming the rule by index and id', () => {
    const index = ruleIndex(NL_TRIGGERS, 'sleep-nl');
    const problems = problemsAfter(NL_TRIGGERS, (data) => {
      byId(data, 'sleep-nl').pattern = ['slaap'];
    });
    expect(problems).toContain(`${NL_TRIGGERS}: rules[${index}](sleep-nl): unknown key "pattern"`);
  });

  it('reports a phrase rule that names an unknown topic', () => {
    const index = ruleIndex(NL_TRIGGERS, 'sleep-nl');
    const problems = problemsAfter(NL_TRIGGERS, (data) => {
      byId(data, 'sleep-nl').topic = 'insomnia';
    });
    expect(problems).toContain(
      `${NL_TRIGGERS}: rules[${index}](sleep-nl).topic: expected one of ${TOPIC_IDS.join('|')}, got "insomnia"`,
    );
  });

  it('reports a rule id used in two files', () => {
    // Files load in path order, so the English file defines the id first and the Dutch one duplicates it.
    const index = ruleIndex(NL_TRIGGERS, 'sleep-nl');
    const problems = problemsAfter(EN_TRIGGERS, (data) => {
      byId(data, 'sleep-en').id = 'sleep-nl';
    });
    expect(problems).toContain(
      `${NL_TRIGGERS}: rules[${index}](sleep-nl).id: duplicate rule id, first defined in ${EN_TRIGGERS}`,
    );
  });

  it('reports a rule id that is not kebab-case', () => {
    const index = ruleIndex(NL_TRIGGERS, 'sleep-nl');
    const problems = problemsAfter(NL_TRIGGERS, (data) => {
      byId(data, 'sleep-nl').id = 'Sleep_NL';
    });
    expect(problems).toContain(
      `${NL_TRIGGERS}: rules[${index}](Sleep_NL).id: expected a kebab-case id like "sleep-core-nl"`,
    );
  });

  it.each([
    [
      'slaap**',
      '"slaap**": a word may hold only letters and digits, with * at its start or end (got "slaap*")',
    ],
    ['[echt', '"[echt": "[echt" has an unclosed or empty [ ]'],
    ['... slaap', '"... slaap": a pattern cannot start with "..."'],
    ['slaap ...', '"slaap ...": a pattern cannot end with a gap ("..." or "~")'],
    ['noun:', '"noun:": a word may hold only letters and digits, with * at its start or end (got "noun:")'],
    ['nom:slaap', '"nom:slaap": unknown macro "nom:" (use noun:, verb: or adj:)'],
    ['slaap|', '"slaap|": "slaap|" has an empty alternative'],
  ])('reports the bad pattern %j', (pattern, reason) => {
    const index = ruleIndex(NL_TRIGGERS, 'sleep-nl');
    const problems = problemsAfter(NL_TRIGGERS, (data) => {
      byId(data, 'sleep-nl').patterns[0] = pattern;
    });
    expect(problems).toContain(`${NL_TRIGGERS}: rules[${index}](sleep-nl).patterns[0]: ${reason}`);
  });

  it('reports a pattern listed twice for one kind and language', () => {
    const index = ruleIndex(NL_TRIGGERS, 'stress-nl');
    const problems = problemsAfter(NL_TRIGGERS, (data) => {
      byId(data, 'stress-nl').patterns.push('Slaap*');
    });
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${escape(NL_TRIGGERS)}: rules\\[${index}\\]\\(stress-nl\\)\\.patterns\\[\\d+\\]: duplicate pattern "Slaap\\*", also in ${escape(NL_TRIGGERS)} \\(sleep-nl\\)$`,
        ),
      ),
    );
  });

  it.each(['match', 'noMatch'])('reports an empty examples.%s list', (list) => {
    const index = ruleIndex(NL_TRIGGERS, 'sleep-nl');
    const problems = problemsAfter(NL_TRIGGERS, (data) => {
      byId(data, 'sleep-nl').examples[list] = [];
    });
    const what = list === 'match' ? 'match example' : 'near-miss example';
    expect(problems).toContain(
      `${NL_TRIGGERS}: rules[${index}](sleep-nl).examples.${list}: every rule needs at least one ${what}`,
    );
  });

  it('reports missing examples', () => {
    const index = ruleIndex(NL_TRIGGERS, 'sleep-nl');
    const problems = problemsAfter(NL_TRIGGERS, (data) => {
      delete byId(data, 'sleep-nl').examples;
    });
    expect(problems).toContain(
      `${NL_TRIGGERS}: rules[${index}](sleep-nl).examples: missing (expected object)`,
    );
  });

  it('reports a sub-claim that the topic does not have', () => {
    const index = ruleIndex(NL_TRIGGERS, 'sleep-nl');
    const problems = problemsAfter(NL_TRIGGERS, (data) => {
      byId(data, 'sleep-nl').subclaim = 'instant-sleep';
    });
    expect(problems).toContain(
      `${NL_TRIGGERS}: rules[${index}](sleep-nl).subclaim: "instant-sleep" is not a sub-claim of topic "sleep" in ${KNOWLEDGE}`,
    );
  });

  it('reports an authorised rule naming an EU claim that does not exist', () => {
    const index = ruleIndex(AUTHORISED, 'authorised-tiredness');
    const problems = problemsAfter(AUTHORISED, (data) => {
      byId(data, 'authorised-tiredness').euClaim = 'better-sleep';
    });
    expect(problems).toContain(
      `${AUTHORISED}: rules[${index}](authorised-tiredness).euClaim: unknown EU claim "better-sleep" (not in ${KNOWLEDGE} euClaims)`,
    );
  });

  it('reports a topic whose EU status lists a claim that does not exist', () => {
    const problems = problemsAfter(KNOWLEDGE, (data) => {
      data.topics.sleep.eu.status = 'closest';
      data.topics.sleep.eu.claims = ['better-sleep'];
    });
    expect(problems).toContain(`${KNOWLEDGE}: topics.sleep.eu.claims[0]: unknown EU claim "better-sleep"`);
  });

  it('reports an EU status "closest" without claims', () => {
    const problems = problemsAfter(KNOWLEDGE, (data) => {
      data.topics.sleep.eu.status = 'closest';
      delete data.topics.sleep.eu.claims;
    });
    expect(problems).toContain(
      `${KNOWLEDGE}: topics.sleep.eu.claims: claims must be listed when status is "closest", and only then`,
    );
  });

  it('reports a topic that loses its last English trigger rule', () => {
    const problems = problemsAfter(EN_TRIGGERS, (data) => {
      data.rules = (data.rules as Yaml[]).filter((rule) => rule.topic !== 'migraine');
    });
    expect(problems).toContain('rules/phrases: topic "migraine" has no en trigger rule');
  });

  it('reports a YAML syntax error with its line', () => {
    const root = copyRules();
    const path = join(root, NL_TRIGGERS);
    const lines = readFileSync(path, 'utf8').split('\n');
    const kindLine = lines.findIndex((text) => text.startsWith('kind:'));
    lines[kindLine] = 'kind: trigger: nope';
    writeFileSync(path, lines.join('\n'));
    const problems = problemsOf(root);
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${escape(NL_TRIGGERS)}: YAML syntax error at line ${kindLine + 1}, column 7: Nested mappings`,
        ),
      ),
    );
  });

  it('reports every problem at once, in every file', () => {
    const root = copyRules();
    editYaml(root, KNOWLEDGE, (data) => {
      data.topics.sleep.verdict = 'maybe';
    });
    editYaml(root, NL_TRIGGERS, (data) => {
      byId(data, 'sleep-nl').topic = 'insomnia';
    });
    const problems = problemsOf(root);
    expect(problems).toContainEqual(
      expect.stringMatching(/^rules\/knowledge\/magnesium\.yaml: topics\.sleep\.verdict: /),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^rules\/phrases\/nl\/triggers\.yaml: rules\[\d+\]\(sleep-nl\)\.topic: /),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
