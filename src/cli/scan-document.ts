/** Runs the engine over a loaded document and returns findings with offsets into the document's text. */
import type { ClaimEngine, Finding } from '../match/engine';
import { detectLanguage, type TextLang } from '../text/language';
import { foldText } from '../text/normalize';
import type { LoadedDocument } from './documents';

/** A finding as `scan --format json` prints it: offsets into the document's text instead of a block's. */
export type DocumentFinding = Omit<Finding, 'block' | 'lang' | 'evidence' | 'hypeSpans'>;

export interface ScannedDocument {
  source: string;
  lang: TextLang;
  findings: DocumentFinding[];
}

/** How much text decides a document's language when it declares none. */
const LANGUAGE_SAMPLE = 20_000;

export function scanDocument(
  engine: ClaimEngine,
  document: LoadedDocument,
  lang: 'auto' | TextLang = 'auto',
): ScannedDocument {
  const documentLang =
    lang !== 'auto'
      ? lang
      : (document.declaredLang ?? detectLanguage(foldText(document.text.slice(0, LANGUAGE_SAMPLE)).text));
  // A document that cannot name the subject has no claim: one pass over its text decides that.
  if (!engine.mayMentionSubject(document.text))
    return { source: document.source, lang: documentLang, findings: [] };
  const blocks = lang === 'auto' ? document.blocks : document.blocks.map((block) => ({ ...block, lang }));
  const findings = engine.findClaims(blocks, { lang: documentLang }).map((finding) => {
    const offset = document.blocks[finding.block]!.offset;
    const start = offset + finding.start;
    const end = offset + finding.end;
    return {
      start,
      end,
      text: document.text.slice(start, end),
      topic: finding.topic,
      verdict: finding.verdict,
      ...(finding.subclaim ? { subclaim: finding.subclaim } : {}),
      ...(finding.euClaim ? { euClaim: finding.euClaim } : {}),
      hype: finding.hype,
      stance: finding.stance,
      implicit: finding.implicit,
    };
  });
  return { source: document.source, lang: documentLang, findings };
}
