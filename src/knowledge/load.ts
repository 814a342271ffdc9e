/**
 * Reads and validates the files in `rules/`. Every problem becomes one line that names the file, the path inside it
 * and what is wrong — `rules/knowledge/magnesium.yaml: topics.sleep.verdict: expected one of …, got "maybe"` — and all
 * problems are reported together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import {
  KnowledgeFileSchema,
  LANGS,
  PhraseFileSchema,
  TOPIC_IDS,
  type KnowledgeFile,
  type PhraseFile,
} from './schema';
import { parsePattern, PatternSyntaxError } from './patterns';

export class RulesValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Nuchter's rule files have ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    this.name = 'RulesValidationError';
  }
}

export interface PhraseSource {
  /** Path as shown in messages, relative to the project root. */
  file: string;
  data: PhraseFile;
}

export interface LoadedRules {
  knowledgeFile: string;
  knowledge: KnowledgeFile;
  phrases: PhraseSource[];
}

/** Formats a zod path the way people write it: `topics.sleep.verdict`, `rules[3].patterns[0]`. */
function formatPath(path: readonly PropertyKey[], data: unknown): string {
  let text = '';
  let node: unknown = data;
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    // Name rules by their id too, so a reader finds them without counting.
    if (
      typeof key === 'number' &&
      node &&
      typeof node === 'object' &&
      'id' in node &&
      typeof node.id === 'string'
    ) {
      text += `(${node.id})`;
    }
  }
  return text || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join('|')}, got ${JSON.stringify(got)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_type':
      return got === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${JSON.stringify(got)}`;
    default:
      return issue.message;
  }
}

/** Validates parsed data against a schema; returns the data or the problems, each prefixed with file and path. */
function validate<T>(schema: z.ZodType<T>, file: string, data: unknown): { data?: T; problems: string[] } {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { data: result.data, problems: [] };
  return {
    problems: result.error.issues.map(
      (issue) => `${file}: ${formatPath(issue.path, data)}: ${describeIssue(issue)}`,
    ),
  };
}

function parseYamlText(file: string, text: string): { data?: unknown; problems: string[] } {
  try {
    return { data: parseYaml(text), problems: [] };
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0]
        ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : 'somewhere';
      return { problems: [`${file}: YAML syntax error at ${where}: ${error.message.split('\n')[0]}`] };
    }
    throw error;
  }
}

export function parseKnowledgeText(file: string, text: string): { data?: KnowledgeFile; problems: string[] } {
  const parsed = parseYamlText(file, text);
  return parsed.problems.length
    ? { problems: parsed.problems }
    : validate(KnowledgeFileSchema, file, parsed.data);
}

export function parsePhraseText(file: string, text: string): { data?: PhraseFile; problems: string[] } {
  const parsed = parseYamlText(file, text);
  return parsed.problems.length
    ? { problems: parsed.problems }
    : validate(PhraseFileSchema, file, parsed.data);
}

/** The checks that span files: ids, references between files, coverage, duplicates and pattern syntax. */
export function checkRuleSet(
  knowledgeFile: string,
  knowledge: KnowledgeFile,
  phrases: PhraseSource[],
): string[] {
  const problems: string[] = [];
  const euClaimIds = new Set(Object.keys(knowledge.euClaims));

  for (const topic of TOPIC_IDS) {
    for (const [index, claim] of (knowledge.topics[topic].eu.claims ?? []).entries()) {
      if (!euClaimIds.has(claim)) {
        problems.push(`${knowledgeFile}: topics.${topic}.eu.claims[${index}]: unknown EU claim "${claim}"`);
      }
    }
  }

  const ruleIds = new Map<string, string>();
  const patternsSeen = new Map<string, string>();
  const triggerLangs = new Map<string, Set<string>>();
  for (const { file, data } of phrases) {
    for (const [index, rule] of data.rules.entries()) {
      const at = `${file}: rules[${index}](${rule.id})`;
      const firstFile = ruleIds.get(rule.id);
      if (firstFile) problems.push(`${at}.id: duplicate rule id, first defined in ${firstFile}`);
      else ruleIds.set(rule.id, file);

      const needsTopic = data.kind === 'trigger';
      if (needsTopic && !rule.topic)
        problems.push(`${at}.topic: missing (trigger rules name the topic they signal)`);
      if (!needsTopic && data.kind !== 'authorised' && rule.topic) {
        problems.push(
          `${at}.topic: only trigger and authorised rules have a topic (this file is kind ${data.kind})`,
        );
      }
      if (rule.subclaim) {
        const subclaims = rule.topic ? (knowledge.topics[rule.topic].subclaims ?? []) : [];
        if (!subclaims.some((subclaim) => subclaim.id === rule.subclaim)) {
          problems.push(
            `${at}.subclaim: "${rule.subclaim}" is not a sub-claim of topic "${rule.topic}" in ${knowledgeFile}`,
          );
        }
      }
      if (rule.precedence && data.kind !== 'trigger')
        problems.push(`${at}.precedence: only trigger rules have a precedence`);
      if (data.kind === 'authorised' && !rule.euClaim)
        problems.push(`${at}.euClaim: missing (authorised rules name their claim)`);
      if (rule.euClaim && !euClaimIds.has(rule.euClaim)) {
        problems.push(`${at}.euClaim: unknown EU claim "${rule.euClaim}" (not in ${knowledgeFile} euClaims)`);
      }
      if (rule.topic && data.kind === 'trigger') {
        const langs = triggerLangs.get(rule.topic) ?? new Set();
        langs.add(data.lang);
        triggerLangs.set(rule.topic, langs);
      }

      for (const [patternIndex, pattern] of rule.patterns.entries()) {
        const key = `${data.kind}/${data.lang}/${pattern.trim().toLowerCase().replace(/\s+/g, ' ')}`;
        const first = patternsSeen.get(key);
        if (first)
          problems.push(`${at}.patterns[${patternIndex}]: duplicate pattern "${pattern}", also in ${first}`);
        else patternsSeen.set(key, `${file} (${rule.id})`);
        try {
          parsePattern(pattern, data.lang);
        } catch (error) {
          if (!(error instanceof PatternSyntaxError)) throw error;
          problems.push(`${at}.patterns[${patternIndex}]: ${error.message}`);
        }
      }
    }
  }

  for (const topic of TOPIC_IDS) {
    const langs = triggerLangs.get(topic) ?? new Set();
    for (const lang of LANGS) {
      if (!langs.has(lang) && !langs.has('any'))
        problems.push(`rules/phrases: topic "${topic}" has no ${lang} trigger rule`);
    }
  }
  return problems;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Loads `<rulesDir>/knowledge/*.yaml` (exactly one knowledge file) and every YAML file under
 * `<rulesDir>/phrases/`, validated. Throws {@link RulesValidationError} listing every problem.
 */
export function loadRules(rulesDir: string, displayRoot = join(rulesDir, '..')): LoadedRules {
  const problems: string[] = [];
  const show = (path: string) => relative(displayRoot, path);

  const knowledgePaths = yamlFilesUnder(join(rulesDir, 'knowledge'));
  if (knowledgePaths.length !== 1) {
    throw new RulesValidationError([
      `${show(join(rulesDir, 'knowledge'))}: expected exactly one knowledge YAML file, found ${knowledgePaths.length}`,
    ]);
  }
  const knowledgeFile = show(knowledgePaths[0]!);
  const knowledgeResult = parseKnowledgeText(knowledgeFile, readFileSync(knowledgePaths[0]!, 'utf8'));
  problems.push(...knowledgeResult.problems);

  const phrases: PhraseSource[] = [];
  for (const path of yamlFilesUnder(join(rulesDir, 'phrases'))) {
    const file = show(path);
    const result = parsePhraseText(file, readFileSync(path, 'utf8'));
    problems.push(...result.problems);
    if (result.data) phrases.push({ file, data: result.data });
  }
  if (phrases.length === 0 && problems.length === 0)
    problems.push(`${show(join(rulesDir, 'phrases'))}: no phrase files`);

  if (knowledgeResult.data && problems.length === 0) {
    problems.push(...checkRuleSet(knowledgeFile, knowledgeResult.data, phrases));
  }
  if (problems.length > 0 || !knowledgeResult.data) throw new RulesValidationError(problems);
  return { knowledgeFile, knowledge: knowledgeResult.data, phrases };
}
