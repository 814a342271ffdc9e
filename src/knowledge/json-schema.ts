/**
 * JSON Schemas of the rule files, generated from their zod schemas, so that an editor (the YAML language server, via
 * the `# yaml-language-server: $schema=…` line atop each file) completes keys and flags mistakes while a rule author
 * types. The zod schemas stay the single source of truth; `npm run schemas` writes these to `rules/schema/`.
 */
import { z } from 'zod';
import {
  EuStatusSchema,
  KnowledgeFileSchema,
  PhraseFileSchema,
  PhraseRuleSchema,
  SourceSchema,
  SubclaimSchema,
  TopicSchema,
  TopicTextSchema,
} from './schema';

/** Draft-07 is the newest draft that every YAML editor plugin reads, and it has the `if`/`then` we need. */
const TARGET = 'draft-07';

const GENERATED = 'Generated from src/knowledge/schema.ts by `npm run schemas`. Do not edit by hand.';

interface Meta {
  id?: string;
  title?: string;
  description?: string;
}

/**
 * Names and descriptions for the generated schemas. A schema with an `id` becomes one shared definition instead of
 * being repeated (the knowledge file's 17 topics share one `Topic`).
 */
function metadata() {
  const registry = z.registry<Meta>();
  registry.add(KnowledgeFileSchema, {
    title: 'Nuchter knowledge file',
    description:
      'What the evidence says per claim topic: verdict, texts in nl and en, sources and EU-claim status.',
  });
  registry.add(PhraseFileSchema, {
    title: 'Nuchter phrase rules',
    description:
      'Phrase rules of one kind and language, each with its patterns and its match and noMatch examples.',
  });
  registry.add(TopicSchema, {
    id: 'Topic',
    description:
      'One claim topic: the verdict on the evidence, explanations in nl and en, sources and EU status.',
  });
  registry.add(TopicTextSchema, {
    id: 'TopicText',
    description: 'The texts of a topic card in one language.',
  });
  registry.add(SourceSchema, {
    id: 'Source',
    description: 'A publication the verdict rests on, with its DOI or URL where it has one.',
  });
  registry.add(EuStatusSchema, {
    id: 'EuStatus',
    description:
      'How the topic relates to the EU-authorised claims: "closest" lists the nearest claims, "none" means there is ' +
      'no such claim, "medical" means a food supplement may not make this claim at all.',
  });
  registry.add(SubclaimSchema, {
    id: 'Subclaim',
    description: 'A sharper version of the topic claim with its own verdict, signalled by a trigger rule.',
  });
  registry.add(PhraseRuleSchema, {
    id: 'PhraseRule',
    description:
      'A phrase rule. In examples.match, [brackets] mark what the rule should match; examples.noMatch holds near ' +
      'misses it must not match.',
  });
  return registry;
}

/** The `.refine` on the EU status has no JSON Schema equivalent by itself; this spells it out as `if`/`then`/`else`. */
const EU_CLAIMS_RULE = {
  if: { properties: { status: { const: 'closest' } }, required: ['status'] },
  then: { required: ['claims'] },
  else: { not: { required: ['claims'] } },
};

function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, {
    target: TARGET,
    // Describe the files as people write them (zod's input side), not as they are after parsing.
    io: 'input',
    metadata: metadata(),
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === EuStatusSchema) Object.assign(jsonSchema, EU_CLAIMS_RULE);
    },
  });
  // Header first, so that the file reads from what it is to what it holds.
  const { $schema, title, description, ...rest } = generated as Record<string, unknown>;
  return { $schema, $comment: GENERATED, title, description, ...rest };
}

/** The JSON Schema files for `rules/schema/`, by file name. */
export function ruleSchemas(): Record<string, object> {
  return {
    'knowledge.schema.json': toJsonSchema(KnowledgeFileSchema),
    'phrases.schema.json': toJsonSchema(PhraseFileSchema),
  };
}

/** A schema file's text: pretty JSON with a trailing newline, so that regenerating an unchanged schema changes nothing. */
export function renderSchemaFile(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
