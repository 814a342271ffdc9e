/**
 * The JSON Schemas in `rules/schema/` are generated from the zod schemas; this test fails when the committed files
 * fall behind `src/knowledge/schema.ts`, and checks that every rule file's `$schema=` line reaches the right one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSchemaFile, ruleSchemas } from '../../src/knowledge/json-schema';
import { TOPIC_IDS } from '../../src/knowledge/schema';
import { RULES_DIR } from '../../src/cli/engine';

const SCHEMA_DIR = join(RULES_DIR, 'schema');
const PROJECT_ROOT = join(RULES_DIR, '..');
const REGENERATE = 'run `npm run schemas` to regenerate it';

/** The first line of a rule file names its schema for the YAML language server. */
const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)\s*$/;

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const schemas = ruleSchemas();

describe('JSON Schemas of the rule files', () => {
  it.each(Object.keys(schemas))('rules/schema/%s is up to date', (name) => {
    const path = join(SCHEMA_DIR, name);
    expect(existsSync(path), `rules/schema/${name} is missing: ${REGENERATE}`).toBe(true);
    expect(
      readFileSync(path, 'utf8'),
      `rules/schema/${name} differs from what src/knowledge/schema.ts generates: ${REGENERATE}`,
    ).toBe(renderSchemaFile(schemas[name]!));
  });

  it('rules/schema holds no schema that is no longer generated', () => {
    const stale = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.json') && !(name in schemas));
    expect(stale, `stale files in rules/schema: delete them, then ${REGENERATE}`).toEqual([]);
  });

  it('the knowledge schema requires every topic and spells out the EU-claims rule', () => {
    const knowledge = schemas['knowledge.schema.json'] as {
      properties: { topics: { required: string[] } };
      definitions: { EuStatus: { if?: unknown; then?: unknown } };
    };
    expect(knowledge.properties.topics.required).toEqual([...TOPIC_IDS]);
    expect(knowledge.definitions.EuStatus.if).toBeDefined();
    expect(knowledge.definitions.EuStatus.then).toBeDefined();
  });

  const files = [
    ...yamlFilesUnder(join(RULES_DIR, 'knowledge')).map((path) => [path, 'knowledge.schema.json']),
    ...yamlFilesUnder(join(RULES_DIR, 'phrases')).map((path) => [path, 'phrases.schema.json']),
  ].map(([path, schema]) => [relative(PROJECT_ROOT, path!), schema!, path!] as const);
  it.each(files)(
    '%s names rules/schema/%s on its first line, by a path that resolves',
    (_file, expected, path) => {
      const firstLine = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
      const match = SCHEMA_LINE.exec(firstLine);
      expect(
        match,
        `first line should be "# yaml-language-server: $schema=…/${expected}", got ${JSON.stringify(firstLine)}`,
      ).not.toBeNull();
      const target = resolve(dirname(path), match![1]!);
      expect(relative(PROJECT_ROOT, target), `$schema=${match![1]} points elsewhere`).toBe(
        join('rules', 'schema', expected),
      );
      expect(existsSync(target), `${relative(PROJECT_ROOT, target)} does not exist: ${REGENERATE}`).toBe(
        true,
      );
    },
  );
});
