/**
 * zod schemas of the files in `rules/`: the single source of truth for their types. Every object is strict, so an
 * unknown key is an error that names its path.
 */
import { z } from 'zod';
import { LANGS, TOPIC_IDS, VERDICTS } from './vocabulary';

export { LANGS, TOPIC_IDS, VERDICTS };

export const TopicIdSchema = z.enum(TOPIC_IDS);
export type TopicId = z.infer<typeof TopicIdSchema>;

export const VerdictSchema = z.enum(VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

export const LangSchema = z.enum(LANGS);
export type Lang = z.infer<typeof LangSchema>;

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id like "sleep-core-nl"');
const isoDate = z.iso.date();
const line = z.string().trim().min(1);

/** One text per UI language. */
function perLang<T extends z.ZodType>(schema: T) {
  return z.strictObject({ nl: schema, en: schema });
}

export const SourceSchema = z.strictObject({
  authors: line,
  year: z.number().int().min(1900).max(2100),
  title: line,
  venue: line,
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/, 'expected a DOI like "10.1000/xyz"')
    .optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const TopicTextSchema = z.strictObject({
  label: line,
  headline: line,
  isTrue: line,
  overstated: line,
  saferWording: line,
});
export type TopicText = z.infer<typeof TopicTextSchema>;

export const EU_STATUSES = ['closest', 'none', 'medical'] as const;

export const EuStatusSchema = z
  .strictObject({
    status: z.enum(EU_STATUSES),
    claims: z.array(kebabId).min(1).optional(),
    note: perLang(line),
  })
  .refine((eu) => (eu.status === 'closest') === (eu.claims !== undefined), {
    message: 'claims must be listed when status is "closest", and only then',
    path: ['claims'],
  });
export type EuStatus = z.infer<typeof EuStatusSchema>;

export const SubclaimSchema = z.strictObject({
  id: kebabId,
  verdict: VerdictSchema,
  text: perLang(z.strictObject({ headline: line, overstated: line })),
});
export type Subclaim = z.infer<typeof SubclaimSchema>;

export const TopicSchema = z.strictObject({
  verdict: VerdictSchema,
  reviewed: isoDate,
  text: perLang(TopicTextSchema),
  sources: z.array(SourceSchema).min(1),
  eu: EuStatusSchema,
  subclaims: z.array(SubclaimSchema).optional(),
});
export type Topic = z.infer<typeof TopicSchema>;

export const KnowledgeFileSchema = z.strictObject({
  version: z.number().int().positive(),
  subject: line,
  reviewed: isoDate,
  euClaims: z.record(kebabId, perLang(line)),
  topics: z.strictObject(
    Object.fromEntries(TOPIC_IDS.map((id) => [id, TopicSchema])) as Record<TopicId, typeof TopicSchema>,
  ),
});
export type KnowledgeFile = z.infer<typeof KnowledgeFileSchema>;

/**
 * What a phrase rule does when it matches:
 * - `subject`: names magnesium or a form of it;
 * - `not-subject`: a subject word used in another sense ("magnesium velgen"), which cancels the subject;
 * - `trigger`: signals a topic (and maybe a sub-claim);
 * - `hype`: language that inflates a claim;
 * - `negation` / `question`: stance cues;
 * - `authorised`: wording close to an EU-authorised health claim;
 * - `effect`: a predicate that attributes an effect (helpt, verlaagt, lowers, supports): a sentence that only
 *   mentions magnesium and a topic, without one, claims nothing;
 * - `not-claim`: a sentence that talks about magnesium without claiming anything — announcing an article ("In dit
 *   artikel lees je…"), pointing elsewhere ("Lees meer over…"), saying where it is found ("zit in onze botten");
 * - `references`: a heading that starts a bibliography, whose text is no claim;
 * - `anaphor`: words that point back at the subject ("het mineraal", "this mineral"): where magnesium was named
 *   before in the block or its section, a sentence with one counts as naming it, so the sentences after it may
 *   borrow the subject from it.
 */
export const RULE_KINDS = [
  'subject',
  'anaphor',
  'not-subject',
  'trigger',
  'hype',
  'negation',
  'question',
  'authorised',
  'effect',
  'not-claim',
  'references',
] as const;
export const RuleKindSchema = z.enum(RULE_KINDS);
export type RuleKind = z.infer<typeof RuleKindSchema>;

export const PhraseRuleSchema = z.strictObject({
  id: kebabId,
  note: line,
  topic: TopicIdSchema.optional(),
  subclaim: kebabId.optional(),
  euClaim: kebabId.optional(),
  /**
   * How a trigger combines with others in one sentence: `fallback` counts only when no other topic does (generic
   * miracle words); `exclusive` makes its topic the only one (a list of deficiency symptoms is one deficiency claim).
   */
  precedence: z.enum(['fallback', 'exclusive']).optional(),
  patterns: z.array(line).min(1),
  examples: z.strictObject({
    match: z.array(line).min(1, 'every rule needs at least one match example'),
    noMatch: z.array(line).min(1, 'every rule needs at least one near-miss example'),
  }),
});
export type PhraseRule = z.infer<typeof PhraseRuleSchema>;

export const PhraseFileSchema = z.strictObject({
  kind: RuleKindSchema,
  lang: z.enum(['nl', 'en', 'any']),
  rules: z.array(PhraseRuleSchema).min(1),
});
export type PhraseFile = z.infer<typeof PhraseFileSchema>;
