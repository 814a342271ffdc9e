/**
 * Writes the JSON Schemas of the rule files to `rules/schema/`, generated from the zod schemas: `npm run schemas`.
 * Run it after changing `src/knowledge/schema.ts`; a test fails while the committed files are out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderSchemaFile, ruleSchemas } from '../knowledge/json-schema';
import { RULES_DIR } from './engine';

/** Where the schemas live; the `$schema=` line atop each rule file points here. */
const SCHEMA_DIR = join(RULES_DIR, 'schema');

mkdirSync(SCHEMA_DIR, { recursive: true });
for (const [name, schema] of Object.entries(ruleSchemas())) {
  const path = join(SCHEMA_DIR, name);
  writeFileSync(path, renderSchemaFile(schema));
  console.log(`wrote ${relative(process.cwd(), path)}`);
}
