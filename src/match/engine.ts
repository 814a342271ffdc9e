/**
 * Claim detection: a sentence is a claim of topic T when it names magnesium (or a form of it) and has a trigger of
 * T. A sentence that names no subject may take it from its context — the previous sentence, the list's lead-in, or
 * the heading above — and is then marked `implicit`. Hype words, stance and EU wording are read from the same
 * sentence. Text without any subject anchor costs one lower-case pass and a few `indexOf` calls.
 */
import { foldText, toOriginalSpan, type FoldedText } from '../text/normalize';
import { splitSentences, type Span } from '../text/segment';
import { tokenize, type Token } from '../text/tokens';
import { detectLanguage, type TextLang } from '../text/language';
import type { TextBlock } from '../text/blocks';
import type { CompiledRule, CompiledRules } from './compiled';
import { findPhraseMatches, indexPatterns, type PatternIndex, type PhraseMatch } from './matcher';


export type Stance = 'asserts' | 'questions' | 'refutes';

/** A rule that contributed to a finding, with its span in the block. */
export interface Evidence {
  rule: string;
  kind: CompiledRule['kind'];
  start: number;
  end: number;
}

export interface Finding {
  /** Index of the block in the input. */
  block: number;
  /** Span of the claim in the block's text (UTF-16 offsets). */
  start: number;
  end: number;
  text: string;
  topic: string;
  verdict: string;
  subclaim?: string;
  /** Set when the sentence uses (close to) the wording of this EU-authorised claim. */
  euClaim?: string;
  /** Hype words as written, when the sentence asserts them (a negated or questioned marker sets the stance instead). */
  hype: string[];
  stance: Stance;
  implicit: boolean;
  lang: TextLang;
  evidence: Evidence[];
}

/** A single-word negation must stand this close (in words) before the hype word or trigger it negates. */
export const NEGATION_WINDOW = 4;
/** The generic miracle-framing topic, used only when no more specific topic applies. */
const CURE_ALL = 'cure-all';
/** The sub-claim a topic uses for sentences in (close to) EU-authorised wording. */
const AUTHORISED_SUBCLAIM = 'authorised-wording';

interface SentenceAnalysis {
  span: Span;
  tokens: Token[];
  matches: (PhraseMatch & { ruleData: CompiledRule })[];
  hasSubject: boolean;
}

/** A section's subject carries over sub-headings, but no further than this many blocks after its last mention. */
export const CONTEXT_REACH_BLOCKS = 8;

interface BlockContext {
  /** The nearest heading above named the subject (or carried it from the heading before, within reach). */
  headingHasSubject: boolean;
  /** Index of the last block that named the subject itself. */
  lastSubjectBlock: number;
  /** The previous block's last sentence named the subject (or took it from context). */
  previousBlockHasSubject: boolean;
  /** The paragraph that introduced the current list named the subject. */
  listLeadHasSubject: boolean;
  /** We are inside a bibliography. */
  inReferences: boolean;
}

/** A block of citations ("Smith J, et al. (2020). Title. Journal 7(9):81–86.") is no claim. */
export function looksLikeCitation(text: string): boolean {
  let signals = 0;
  if (/\bet al\b/i.test(text)) signals++;
  if (/\(\s*(19|20)\d\d[a-z]?\s*\)/.test(text)) signals++;
  if (/\b\d+\s*\(\d+\)\s*[:,]\s*\d+/.test(text)) signals++;
  if (/\bdoi\b|\b10\.\d{4,9}\/|\bpmid\b/i.test(text)) signals++;
  if (/^\s*\[\d+\]/.test(text)) signals++;
  if (/\b\p{Lu}\p{Ll}+,?\s+(\p{Lu}\.\s?){1,3}[,.]?\s/u.test(text) || /\b\p{Lu}\p{Ll}+\s\p{Lu}{1,3}\.,/u.test(text)) signals++;
  return signals >= 2;
}

function overlaps(a: { first: number; end: number }, b: { first: number; end: number }): boolean {
  return a.first < b.end && b.first < a.end;
}

export class ClaimEngine {
  private readonly index: PatternIndex;

  constructor(readonly rules: CompiledRules) {
    this.index = indexPatterns(rules);
  }

  /** The prefilter: could this text name the subject at all? One lower-case pass plus `indexOf` per anchor. */
  mayMentionSubject(text: string): boolean {
    for (const anchor of this.rules.caseAnchors) if (text.includes(anchor)) return true;
    const lower = text.toLowerCase();
    for (const anchor of this.rules.anchors) if (lower.includes(anchor)) return true;
    return false;
  }

  /** Finds the claims in a sequence of blocks (a document, or the part of a page that changed). */
  findClaims(blocks: readonly TextBlock[], options: { lang?: TextLang } = {}): Finding[] {
    const findings: Finding[] = [];
    const context: BlockContext = {
      headingHasSubject: false,
      lastSubjectBlock: -Infinity,
      previousBlockHasSubject: false,
      listLeadHasSubject: false,
      inReferences: false,
    };
    let documentLang: TextLang | undefined = options.lang;

    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!;
      const anchored = this.mayMentionSubject(block.text);
      if (b - context.lastSubjectBlock > CONTEXT_REACH_BLOCKS) context.headingHasSubject = false;
      const hasContext =
        context.headingHasSubject || context.previousBlockHasSubject || (block.kind === 'list-item' && context.listLeadHasSubject);

      if (block.kind === 'heading') {
        context.inReferences = false;
        const folded = foldText(block.text);
        const analysis = anchored || hasContext || this.mightStartReferences(folded.text) ? this.analyseBlock(block.text, folded) : [];
        if (analysis.some((sentence) => sentence.matches.some((match) => match.ruleData.kind === 'references'))) {
          context.inReferences = true;
          context.headingHasSubject = false;
          context.previousBlockHasSubject = false;
          continue;
        }
        const lang = block.lang ?? documentLang ?? detectLanguage(folded.text);
        const own = analysis.some((sentence) => sentence.hasSubject);
        this.collect(findings, b, block.text, folded, analysis, lang, context.headingHasSubject);
        if (own) {
          context.headingHasSubject = true;
          context.lastSubjectBlock = b;
        }
        context.previousBlockHasSubject = false;
        context.listLeadHasSubject = false;
        continue;
      }

      if (context.inReferences || looksLikeCitation(block.text)) continue;
      if (!anchored && !hasContext) {
        context.previousBlockHasSubject = false;
        if (block.kind !== 'list-item') context.listLeadHasSubject = false;
        continue;
      }

      const folded = foldText(block.text);
      const analysis = this.analyseBlock(block.text, folded);
      if (!documentLang && !block.lang) documentLang = detectLanguage(folded.text);
      const lang = block.lang ?? documentLang ?? 'nl';
      const startContext = block.kind === 'list-item' ? context.listLeadHasSubject || context.headingHasSubject : hasContext;
      const lastHasSubject = this.collect(findings, b, block.text, folded, analysis, lang, startContext);
      if (analysis.some((sentence) => sentence.hasSubject)) context.lastSubjectBlock = b;
      context.previousBlockHasSubject = lastHasSubject;
      if (block.kind !== 'list-item') context.listLeadHasSubject = lastHasSubject;
    }
    return findings;
  }

  private mightStartReferences(foldedText: string): boolean {
    return foldedText.length < 60;
  }

  private analyseBlock(original: string, folded: FoldedText): SentenceAnalysis[] {
    return splitSentences(folded, original).map((span) => {
      const tokens = tokenize(folded.text, span.start, span.end);
      const originals = tokens.map((token) => {
        const { start, end } = toOriginalSpan(folded, token.start, token.end);
        return original.slice(start, end);
      });
      const raw = findPhraseMatches(this.index, tokens, originals).map((match) => ({
        ...match,
        ruleData: this.rules.rules[match.rule]!,
      }));
      const exclusions = raw.filter((match) => match.ruleData.kind === 'not-subject');
      const matches = raw.filter(
        (match) => match.ruleData.kind !== 'subject' || !exclusions.some((exclusion) => overlaps(exclusion, match)),
      );
      return { span, tokens, matches, hasSubject: matches.some((match) => match.ruleData.kind === 'subject') };
    });
  }

  /**
   * Turns analysed sentences into findings. `context` says whether the first sentence may borrow its subject.
   * Returns whether the last sentence named the subject or borrowed it.
   */
  private collect(
    findings: Finding[],
    blockIndex: number,
    original: string,
    folded: FoldedText,
    sentences: SentenceAnalysis[],
    lang: TextLang,
    context: boolean,
  ): boolean {
    let carried = context;
    for (const sentence of sentences) {
      const implicit = !sentence.hasSubject;
      if (implicit && !carried) continue;
      this.findingsForSentence(findings, blockIndex, original, folded, sentence, lang, implicit);
      carried = true;
    }
    return carried && sentences.length > 0;
  }

  private findingsForSentence(
    findings: Finding[],
    blockIndex: number,
    original: string,
    folded: FoldedText,
    sentence: SentenceAnalysis,
    lang: TextLang,
    implicit: boolean,
  ): void {
    const { tokens, matches } = sentence;
    const byKind = (kind: CompiledRule['kind']) => matches.filter((match) => match.ruleData.kind === kind);
    const triggers = [...byKind('trigger'), ...byKind('authorised')];
    const hype = byKind('hype');
    const negations = byKind('negation');
    const questions = byKind('question');
    const subjects = byKind('subject');

    const topics = new Set(triggers.map((match) => match.ruleData.topic!));
    if (topics.size > 1) topics.delete(CURE_ALL);
    if (topics.size === 0 && hype.length > 0) topics.add(CURE_ALL);
    if (topics.size === 0) return;

    // Stance: a question mark or a question cue; else a negation that governs a hype word or a trigger.
    const lastChar = folded.text.slice(sentence.span.start, sentence.span.end).replace(/["')\]\s]+$/, '').at(-1);
    const isQuestion = lastChar === '?' || questions.length > 0;
    const governs = (negation: PhraseMatch, target: PhraseMatch) =>
      negation.end - negation.first > 1 || (negation.first <= target.first && target.first - negation.end < NEGATION_WINDOW);
    const negatedHype = hype.filter((h) => negations.some((n) => governs(n, h)));
    const refutes = negatedHype.length > 0 || negations.some((n) => triggers.some((t) => governs(n, t)));
    const stance: Stance = isQuestion ? 'questions' : refutes ? 'refutes' : 'asserts';
    const assertedHype = stance === 'questions' ? [] : hype.filter((h) => !negatedHype.includes(h));

    const toSpan = (match: PhraseMatch) => {
      const first = tokens[match.first]!;
      const last = tokens[match.end - 1]!;
      return toOriginalSpan(folded, first.start, last.end);
    };
    const { start, end } = toOriginalSpan(folded, sentence.span.start, sentence.span.end);
    const hypeWords = [...new Set(assertedHype.map((match) => {
      const span = toSpan(match);
      return original.slice(span.start, span.end);
    }))];

    for (const topic of topics) {
      const own = triggers.filter((match) => match.ruleData.topic === topic);
      const authorised = own.find((match) => match.ruleData.kind === 'authorised');
      const subclaim =
        own.find((match) => match.ruleData.subclaim)?.ruleData.subclaim ??
        (authorised && this.rules.verdicts[`${topic}/${AUTHORISED_SUBCLAIM}`] ? AUTHORISED_SUBCLAIM : undefined);
      const evidenceMatches = [...subjects, ...own, ...(topic === CURE_ALL ? hype : []), ...hype, ...negations, ...questions];
      const evidence = [...new Set(evidenceMatches)].map((match) => ({
        rule: match.ruleData.id,
        kind: match.ruleData.kind,
        ...toSpan(match),
      }));
      findings.push({
        block: blockIndex,
        start,
        end,
        text: original.slice(start, end),
        topic,
        verdict: (subclaim && this.rules.verdicts[`${topic}/${subclaim}`]) || this.rules.verdicts[topic] || 'mixed',
        ...(subclaim ? { subclaim } : {}),
        ...(authorised?.ruleData.euClaim ? { euClaim: authorised.ruleData.euClaim } : {}),
        hype: hypeWords,
        stance,
        implicit,
        lang,
        evidence,
      });
    }
  }
}
