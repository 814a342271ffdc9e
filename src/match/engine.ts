/**
 * Claim detection: a sentence is a claim of topic T when it names magnesium (or a form of it) and has a trigger of
 * T. A sentence that names no subject may take it from its context — the previous sentence, the list's lead-in, or
 * the heading above — and is then marked `implicit`. Hype words, stance and EU wording are read from the same
 * sentence. Text without any subject anchor costs one case-insensitive regular expression over it.
 */
import { foldText, hasDroppedCharacter, toOriginalSpan, type FoldedText } from '../text/normalize';
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
  /** Where those hype words stand in the block (UTF-16 offsets): the page paints them. */
  hypeSpans: { start: number; end: number }[];
  stance: Stance;
  implicit: boolean;
  lang: TextLang;
  /** The rules behind the finding, with their spans: only from a reader asked to `explain` (tests, rule work). */
  evidence?: Evidence[];
}

/** A single-word negation must stand this close (in words) before the hype word or trigger it negates. */
export const NEGATION_WINDOW = 4;
/** A section's subject carries over its paragraphs, but no further than this many blocks after its last mention. */
export const CONTEXT_REACH_BLOCKS = 8;
/** The topic of generic miracle framing, which hype words alone can signal. */
const CURE_ALL = 'cure-all';
/** A negation followed by one of these tells of relief, not denial: "geen krampen meer", "no more cramps". */
const RELIEF_WORDS = new Set(['meer', 'more', 'longer']);
/** Words that open a contrasting clause; a negation does not reach past them ("geen wondermiddel, maar helpt wel"). */
const CONTRAST_WORDS = new Set(['maar', 'but', 'however', 'echter', 'toch', 'although', 'hoewel']);
/** The sub-claim a topic uses for sentences in (close to) EU-authorised wording. */
const AUTHORISED_SUBCLAIM = 'authorised-wording';
/** Effect words that only link two words; alone they do not make a fragment that borrows its subject a claim. */
const LINKING_WORDS: ReadonlySet<string> = new Set(['voor', 'tegen', 'door', 'for', 'against', 'by']);
/** What a not-claim phrase beginning or ending on one of these cancels, instead of silencing the whole sentence. */
const CANCELLABLE_KINDS: ReadonlySet<CompiledRule['kind']> = new Set(['trigger', 'authorised', 'hype']);
/** A phrase match, with its rule. */
type Match = PhraseMatch;
/** A sentence's matches of each kind, in sentence order. */
type MatchesByKind = Readonly<Record<CompiledRule['kind'], readonly Match[]>>;
/** The list of a kind without matches, shared: most sentences have matches of two or three kinds at most. */
const NO_MATCHES: readonly Match[] = Object.freeze([]);

function groupByKind(matches: readonly Match[]): MatchesByKind {
  // Every kind present from the start: all sentences share one object shape.
  const byKind: Record<CompiledRule['kind'], readonly Match[]> = {
    subject: NO_MATCHES,
    anaphor: NO_MATCHES,
    'not-subject': NO_MATCHES,
    trigger: NO_MATCHES,
    hype: NO_MATCHES,
    negation: NO_MATCHES,
    question: NO_MATCHES,
    authorised: NO_MATCHES,
    effect: NO_MATCHES,
    'not-claim': NO_MATCHES,
    references: NO_MATCHES,
  };
  for (const match of matches) {
    const kind = match.ruleData.kind;
    const list = byKind[kind];
    if (list === NO_MATCHES) byKind[kind] = [match];
    else (list as Match[]).push(match); // a list of this sentence's own, made just above
  }
  return byKind;
}

/** Matches grouped by a token position (their first word, or their end). */
const groupBy = (matches: readonly Match[], key: (match: Match) => number): Map<number, Match[]> => {
  const groups = new Map<number, Match[]>();
  for (const match of matches) {
    const group = groups.get(key(match));
    if (group) group.push(match);
    else groups.set(key(match), [match]);
  }
  return groups;
};

interface SentenceAnalysis {
  span: Span;
  tokens: Token[];
  /** The matches that stand, by kind. */
  byKind: MatchesByKind;
  hasSubject: boolean;
  /** The sentence points back at the subject ("het mineraal", "this mineral"). */
  refersToSubject: boolean;
  /** The sentence names magnesium in another sense ("magnesium velgen"): it neither borrows nor lends a subject. */
  otherSense: boolean;
}

/** The signals of a citation, each a pattern; the author's name is the last one (its own two patterns). */
export const CITATION_SIGNALS: readonly (readonly RegExp[])[] = [
  [/\bet al\b/i], // "et al"
  [/\(\s*(19|20)\d\d[a-z]?\s*\)/], // "(2020)"
  [/\b\d+\s*\(\d+\)\s*[:,]\s*\d+/], // "7(9):81"
  [/\bdoi\b|\b10\.\d{4,9}\/|\bpmid\b/i], // "doi", "10.1234/", "pmid"
  [/^\s*\[\d+\]/], // "[3] …"
  [/\b\p{Lu}\p{Ll}+,?\s+(\p{Lu}\.\s?){1,3}[,.]?\s/u, /\b\p{Lu}\p{Ll}+\s\p{Lu}{1,3}\.,/u], // "Smith J. A."
];
const AUTHOR_NAME = CITATION_SIGNALS.length - 1;

/**
 * Every citation signal but the author's name needs a digit, "et al", "doi" or "pmid": text without any of them has
 * at most one signal, so it is no citation, and the costly name patterns need not run.
 */
const CITATION_GATE = /[0-9]|et al|doi|pmid/i;

const hasSignal = (signal: readonly RegExp[], text: string) => signal.some((pattern) => pattern.test(text));

/** A block of citations ("Smith J, et al. (2020). Title. Journal 7(9):81–86.") is no claim: it has two signals. */
export function looksLikeCitation(text: string): boolean {
  if (!CITATION_GATE.test(text)) return false;
  let signals = 0;
  for (let signal = 0; signal < AUTHOR_NAME; signal++)
    if (hasSignal(CITATION_SIGNALS[signal]!, text)) signals++;
  // The author's name decides only between one signal and two.
  if (signals !== 1) return signals >= 2;
  return hasSignal(CITATION_SIGNALS[AUTHOR_NAME]!, text);
}

/** The sentence's last character before closing quotes, brackets and spaces (a loop: no regex backtracking). */
function lastCharBeforeClosers(text: string, span: Span): string | undefined {
  let at = span.end - 1;
  while (at >= span.start && '"\')] \n'.includes(text[at]!)) at--;
  return at >= span.start ? text[at] : undefined;
}

const overlaps = (a: { first: number; end: number }, b: { first: number; end: number }) =>
  a.first < b.end && b.first < a.end;

/** What the blocks read so far say about the subject of the next block. */
interface ReadingContext {
  /** The current section's heading named the subject, or claimed something about it. */
  sectionHasSubject: boolean;
  /** Index of the last block that named the subject itself. */
  lastSubjectBlock: number;
  /** The last sentence of the previous block named the subject. */
  previousBlockNamedSubject: boolean;
  /** The paragraph that introduced the current list named the subject. */
  listLeadNamedSubject: boolean;
  /** We are inside a bibliography. */
  inReferences: boolean;
  /** The language of blocks without their own: given, or detected from the first block read closely. */
  documentLang: TextLang | undefined;
  /** Findings carry their evidence (not a reading context, but an option of the whole reading). */
  explain: boolean;
}

/** Options of a reading; see {@link ClaimEngine.reader}. */
export interface ReadOptions {
  /** The language of blocks without their own. */
  lang?: TextLang;
  /** The blocks come right after one that named the subject. */
  subjectAbove?: boolean;
  /** Give each finding its `evidence`: the rules behind it. No user sees them, so a page is read without. */
  explain?: boolean;
}

/** What a block's sentences are read with. */
interface BlockReading {
  index: number;
  block: TextBlock;
  folded: FoldedText;
  lang: TextLang;
  explain: boolean;
}

/** Reads blocks one at a time, in reading order; see {@link ClaimEngine.reader}. */
export interface ClaimReader {
  /** The findings of the next block; their `block` is the number of blocks read before it. */
  read(block: TextBlock): Finding[];
}

/** The context before the first block. */
function startingContext(options: ReadOptions): ReadingContext {
  return {
    sectionHasSubject: false,
    // Reading a part of a page (a comment just added) below a block that named the subject: it is in scope.
    lastSubjectBlock: options.subjectAbove ? -1 : -Infinity,
    previousBlockNamedSubject: false,
    listLeadNamedSubject: false,
    inReferences: false,
    documentLang: options.lang,
    explain: options.explain ?? false,
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression that finds any of `words` (never matches when there are none). */
function anyOf(words: readonly string[], flags: string): RegExp {
  return words.length > 0 ? new RegExp(words.map(escapeRegExp).join('|'), flags) : /(?!)/;
}

export class ClaimEngine {
  private readonly index: PatternIndex;
  /** The subject anchors as one case-insensitive pattern: the prefilter is a single pass over the text. */
  private readonly anchorPattern: RegExp;
  private readonly caseAnchorPattern: RegExp;
  /** The literal words of the bibliography-heading rules: a heading without one needs no analysis. */
  private readonly referencesPattern: RegExp;
  /** The literal words of the anaphor rules: a block without the subject needs analysis only when it has one. */
  private readonly anaphorPattern: RegExp;
  /** The literal words of the hype rules: praise in a comment may lean on the subject named above it. */
  private readonly hypePattern: RegExp;

  constructor(readonly rules: CompiledRules) {
    this.index = indexPatterns(rules);
    this.anchorPattern = anyOf(rules.anchors, 'i');
    this.caseAnchorPattern = anyOf(rules.caseAnchors, '');
    const wordsOf = (kind: CompiledRule['kind']) => [
      ...new Set(
        rules.patterns
          .filter(([rule]) => rules.rules[rule]!.kind === kind)
          .flatMap(([, steps]) => steps.filter((step): step is string[] => Array.isArray(step)).flat())
          .map((test) => test.replace(/\*/g, '')),
      ),
    ];
    this.referencesPattern = anyOf(wordsOf('references'), 'i');
    this.anaphorPattern = anyOf(wordsOf('anaphor'), 'i');
    this.hypePattern = anyOf(wordsOf('hype'), 'i');
  }

  /**
   * The prefilter: could this text name the subject at all? One pass of one regular expression over the text. Text
   * with soft hyphens or zero-width characters ("Magne&shy;sium", common on Dutch news sites) is folded first.
   */
  mayMentionSubject(text: string): boolean {
    if (this.anchorPattern.test(text) || this.caseAnchorPattern.test(text)) return true;
    if (hasDroppedCharacter(text)) {
      const folded = foldText(text).text;
      return this.rules.anchors.some((anchor) => folded.includes(anchor));
    }
    return false;
  }

  /**
   * Finds the claims in a sequence of blocks (a document, or the part of a page that changed). Blocks that neither
   * mention the subject nor sit where they could borrow it are skipped after the prefilter.
   */
  findClaims(blocks: readonly TextBlock[], options: Omit<ReadOptions, 'subjectAbove'> = {}): Finding[] {
    const context = startingContext(options);
    const findings: Finding[] = [];
    for (let b = 0; b < blocks.length; b++) this.readBlock(findings, context, blocks[b]!, b);
    return findings;
  }

  /**
   * A reader for blocks that arrive one at a time (a page read in slices): it keeps what the blocks read so far say
   * about the next one, so reading blocks one by one finds exactly what {@link findClaims} finds on all of them.
   * A finding's `block` counts the blocks this reader has read. `subjectAbove`: the blocks come right after one that
   * named the subject (a part of a page read on its own), so "het mineraal" and praise may lean on it.
   */
  reader(options: ReadOptions = {}): ClaimReader {
    const context = startingContext(options);
    let index = 0;
    return {
      read: (block) => {
        const findings: Finding[] = [];
        this.readBlock(findings, context, block, index++);
        return findings;
      },
    };
  }

  /** Reads the next block in the light of `context`, adds its findings, and updates the context for the block after. */
  private readBlock(findings: Finding[], context: ReadingContext, block: TextBlock, b: number): void {
    if (b - context.lastSubjectBlock > CONTEXT_REACH_BLOCKS) context.sectionHasSubject = false;
    // Headings and list items are fragments that lean on their section; a paragraph sentence borrows the subject
    // only from the sentence right before it.
    const borrowable =
      block.kind === 'paragraph'
        ? context.previousBlockNamedSubject
        : context.listLeadNamedSubject || context.sectionHasSubject || context.previousBlockNamedSubject;
    // The block may name the subject, or borrow it: then the prefilter need not look.
    const relevant = borrowable || this.mayMentionSubject(block.text);

    if (block.kind === 'heading') {
      context.inReferences = false;
      context.previousBlockNamedSubject = false;
      context.listLeadNamedSubject = false;
      // Most headings on a page have nothing to do with magnesium: only a possible bibliography heading is read.
      if (!relevant && !this.referencesPattern.test(block.text)) {
        context.sectionHasSubject = false;
        return;
      }
      const folded = foldText(block.text);
      const analysis = this.analyseBlock(block.text, folded);
      if (analysis.some((sentence) => sentence.byKind.references.length > 0)) {
        context.inReferences = true;
        context.sectionHasSubject = false;
        return;
      }
      if (!relevant) {
        context.sectionHasSubject = false;
        return;
      }
      context.documentLang ??= detectLanguage(folded.text);
      const read = this.collect(
        findings,
        { index: b, block, folded, lang: block.lang ?? context.documentLang, explain: context.explain },
        analysis,
        borrowable,
        borrowable, // a heading leans on its section only; "het mineraal" is not looked for in headings
      );
      // A heading that names the subject, or claims something about it ("Vermindert vermoeidheid"), opens a
      // section about it; any other heading closes the section.
      context.sectionHasSubject = read.namedSubject || read.claimed;
      if (read.namedSubject) context.lastSubjectBlock = b;
      return;
    }

    // The subject is in scope when the section names it or a block named it lately: "het mineraal" then means it, and
    // praise ("echt een wondermiddel tegen kramp") is praise of it.
    const inScope =
      borrowable || context.sectionHasSubject || b - context.lastSubjectBlock <= CONTEXT_REACH_BLOCKS;
    if (
      !relevant &&
      !(inScope && (this.anaphorPattern.test(block.text) || this.hypePattern.test(block.text)))
    ) {
      context.previousBlockNamedSubject = false;
      if (block.kind !== 'list-item') context.listLeadNamedSubject = false;
      return;
    }
    if (context.inReferences || looksLikeCitation(block.text)) return;
    const folded = foldText(block.text);
    context.documentLang ??= detectLanguage(folded.text);
    const read = this.collect(
      findings,
      { index: b, block, folded, lang: block.lang ?? context.documentLang, explain: context.explain },
      this.analyseBlock(block.text, folded),
      borrowable,
      inScope,
    );
    if (read.namedSubject) context.lastSubjectBlock = b;
    context.previousBlockNamedSubject = read.lastNamedSubject;
    if (block.kind !== 'list-item') context.listLeadNamedSubject = read.lastNamedSubject;
  }

  private analyseBlock(original: string, folded: FoldedText): SentenceAnalysis[] {
    const text = folded.text;
    // "@SlaapCoachLisa" is a name and "#slaap" a tag, not words of the sentence.
    const tagged = /[@#]/.test(text);
    const notTagged = (token: Token) => {
      const before = text[token.start - 1];
      return before !== '@' && before !== '#';
    };
    const sentences: SentenceAnalysis[] = [];
    for (const span of splitSentences(folded, original)) {
      const words = tokenize(text, span.start, span.end);
      const tokens = tagged ? words.filter(notTagged) : words;
      const originalOf = (tokenIndex: number) => {
        const { start, end } = toOriginalSpan(folded, tokens[tokenIndex]!.start, tokens[tokenIndex]!.end);
        return original.slice(start, end);
      };
      sentences.push(this.analyseSentence(span, tokens, findPhraseMatches(this.index, tokens, originalOf)));
    }
    return sentences;
  }

  private analyseSentence(span: Span, tokens: Token[], raw: Match[]): SentenceAnalysis {
    let byKind = groupByKind(raw);
    const exclusions = byKind['not-subject'];
    const notClaims = byKind['not-claim'].length > 0;
    // Most sentences have neither: all their matches stand.
    if (exclusions.length > 0 || notClaims) byKind = groupByKind(standingMatches(raw, exclusions, notClaims));
    const hasSubject = byKind.subject.length > 0;
    return {
      span,
      tokens,
      byKind,
      hasSubject,
      refersToSubject: byKind.anaphor.length > 0,
      otherSense: !hasSubject && exclusions.length > 0,
    };
  }

  /**
   * Turns analysed sentences into findings. The first sentence may borrow the subject when `borrowable`; a later
   * one only from the sentence right before it, and only when that one named the subject itself — borrowing does
   * not chain through a paragraph. An opening sentence with hype takes the subject from the sentence after it.
   */
  private collect(
    findings: Finding[],
    reading: BlockReading,
    sentences: SentenceAnalysis[],
    borrowable: boolean,
    inScope: boolean,
  ): { namedSubject: boolean; lastNamedSubject: boolean; claimed: boolean } {
    let previousNamedSubject = borrowable;
    // Whether "het mineraal" can mean magnesium here: it was named in scope before the block, or earlier in it.
    let named = inScope;
    let claimed = false;
    // A "sentence" without a word — a trailing emoji or symbol ("... helemaal weg!! 🙏") — neither names the subject
    // nor breaks the chain to the next sentence.
    const worded = sentences.filter((sentence) => sentence.tokens.length > 0);
    for (let index = 0; index < worded.length; index++) {
      const sentence = worded[index]!;
      const has = (kind: CompiledRule['kind']) => sentence.byKind[kind].length > 0;
      const implicit = !sentence.hasSubject;
      // A sentence that points back at the subject names it, for itself and for the sentence after.
      const namesSubject = sentence.hasSubject || (sentence.refersToSubject && named && !sentence.otherSense);
      // A block that opens with hype and names the subject in its next sentence ("Gamechanger inderdaad! Sinds ik
      // magnesium neem…") praises that subject: the opening takes it from the sentence after.
      const leadsIn = index === 0 && worded[1]?.hasSubject === true && has('hype');
      // Praise under a post or product that named magnesium — a comment, a review ("Echt een wondermiddel tegen mijn
      // krampen!") — is about it: asserted hype with a topic, where magnesium is in scope.
      const praises = named && has('hype') && has('trigger') && !has('negation') && !has('question');
      if (namesSubject || ((previousNamedSubject || leadsIn || praises) && !sentence.otherSense)) {
        const before = findings.length;
        this.findingsForSentence(findings, reading, sentence, implicit);
        claimed ||= findings.length > before;
      }
      previousNamedSubject = namesSubject;
      named ||= sentence.hasSubject;
    }
    return {
      namedSubject: sentences.some((sentence) => sentence.hasSubject),
      lastNamedSubject: previousNamedSubject && worded.length > 0,
      claimed,
    };
  }

  /** Topics of a sentence, following each trigger rule's precedence. */
  private topicsOf(allTriggers: Match[], hype: readonly Match[]): Set<string> {
    // A topic word that is only the edge of a longer phrase of another topic belongs to that phrase: "verwacht geen
    // directe kalmte" promises speed, not calm; "de opname van magnesium verminderen" warns of an interaction, not
    // about a form's absorption. (Edge-aligned only: a word inside a gap, "helpt tegen kramp direct", stays.)
    // A lone trigger, as most sentences have, is the edge of nothing.
    const triggers = allTriggers.length < 2 ? allTriggers : withoutEdgeWords(allTriggers);
    const exclusive = triggers.filter((match) => match.ruleData.precedence === 'exclusive');
    if (exclusive.length > 0) return new Set(exclusive.map((match) => match.ruleData.topic!));
    const topics = new Set(
      triggers.filter((match) => !match.ruleData.precedence).map((match) => match.ruleData.topic!),
    );
    if (topics.size === 0) {
      for (const match of triggers) topics.add(match.ruleData.topic!);
    }
    // Hype alone is generic miracle framing: "Magnesium is magisch", or "Echt magisch spul!" right after it.
    if (topics.size === 0 && hype.length > 0) topics.add(CURE_ALL);
    return topics;
  }

  private findingsForSentence(
    findings: Finding[],
    reading: BlockReading,
    sentence: SentenceAnalysis,
    implicit: boolean,
  ): void {
    const { block, folded, lang } = reading;
    const { tokens, byKind } = sentence;
    // Most sentences have no trigger and no hype, and end here.
    if (byKind.trigger.length === 0 && byKind.authorised.length === 0 && byKind.hype.length === 0) return;
    const triggers = [...byKind.trigger, ...byKind.authorised];
    const { hype, negation: negations, question: questions, subject: subjects, anaphor: anaphors } = byKind;

    const topics = this.topicsOf(triggers, hype);
    if (topics.size === 0 || byKind['not-claim'].length > 0) return;

    // Stance: a question mark or a question cue; else a negation that governs a hype word or a trigger.
    const lastChar = lastCharBeforeClosers(folded.text, sentence.span);
    const isQuestion = lastChar === '?' || questions.length > 0;
    // A fragment — a heading, or a list item that is no full sentence — is a claim only when it attributes
    // something: an effect predicate, hype, an authorised wording or a question. "Dosering en gebruik van magnesium
    // bij stress" only names both. Full sentences say what they claim in too many ways for a word list.
    const effects = byKind.effect;
    const fragment =
      block.kind === 'heading' || (block.kind === 'list-item' && !/[.!?…]$/.test(lastChar ?? ''));
    // A fragment that borrows its subject must attribute something by itself: a bare preposition ("Wakker door je
    // wekker") only links two words, and a bare question ("What happens if I take too much?") is a FAQ heading whose
    // answer follows.
    const borrowedFragment = fragment && implicit;
    const attributes =
      effects.some(
        (effect) =>
          !borrowedFragment ||
          effect.end - effect.first > 1 ||
          !LINKING_WORDS.has(tokens[effect.first]!.text),
      ) ||
      hype.length > 0 ||
      (isQuestion && !borrowedFragment) ||
      triggers.some((t) => t.ruleData.kind === 'authorised');
    // A one-word heading ("Tekort", "Absorption") names a section; it claims nothing.
    if (fragment && (!attributes || tokens.length < 2)) return;
    const negation = negations.length > 0 ? new NegationScope(tokens, negations) : undefined;
    const negatedHype = negation ? hype.filter((match) => negation.negates(match)) : NO_MATCHES;
    const assertedHype = isQuestion
      ? NO_MATCHES
      : negatedHype.length === 0
        ? hype
        : hype.filter((match) => !negatedHype.includes(match));

    const { start, end } = toOriginalSpan(folded, sentence.span.start, sentence.span.end);
    // One list of hype places and words for all of the sentence's findings (read-only, shared).
    const hypeSpans = assertedHype.map((match) => spanOf(folded, tokens, match));
    const hypeWords = [...new Set(hypeSpans.map((span) => block.text.slice(span.start, span.end)))];

    for (const topic of topics) {
      const own = triggers.filter((match) => match.ruleData.topic === topic);
      // Stance is per topic (see NegationScope.governing).
      const governing = negation ? negation.governing(own, negatedHype) : NO_MATCHES;
      const stance: Stance = isQuestion ? 'questions' : governing.length > 0 ? 'refutes' : 'asserts';
      const stanceEvidence = stance === 'questions' ? questions : stance === 'refutes' ? governing : [];
      const authorised = own.find((match) => match.ruleData.kind === 'authorised');
      const subclaim =
        own.find((match) => match.ruleData.subclaim)?.ruleData.subclaim ??
        (authorised && this.rules.verdicts[`${topic}/${AUTHORISED_SUBCLAIM}`]
          ? AUTHORISED_SUBCLAIM
          : undefined);
      const verdict =
        (subclaim && this.rules.verdicts[`${topic}/${subclaim}`]) || this.rules.verdicts[topic] || 'mixed';
      const finding: Finding = {
        block: reading.index,
        start,
        end,
        text: block.text.slice(start, end),
        topic,
        verdict,
        hype: hypeWords,
        hypeSpans,
        stance,
        implicit,
        lang,
      };
      if (subclaim) finding.subclaim = subclaim;
      if (authorised?.ruleData.euClaim) finding.euClaim = authorised.ruleData.euClaim;
      if (reading.explain) {
        finding.evidence = subjects
          .concat(anaphors, own, effects, assertedHype, stanceEvidence)
          .map((match) => evidenceOf(folded, tokens, match));
      }
      findings.push(finding);
    }
  }
}

/**
 * Triggers without those that are only the first or last word of a longer phrase of another topic. Grouped by first
 * and by last word, so a long sentence full of triggers stays linear.
 */
function withoutEdgeWords(triggers: Match[]): Match[] {
  const byFirst = groupBy(triggers, (match) => match.first);
  const byEnd = groupBy(triggers, (match) => match.end);
  const longerOther = (match: Match, candidates: Match[] | undefined) =>
    candidates?.some(
      (longer) =>
        longer.ruleData.topic !== match.ruleData.topic && longer.end - longer.first > match.end - match.first,
    ) ?? false;
  return triggers.filter(
    (match) => !longerOther(match, byFirst.get(match.first)) && !longerOther(match, byEnd.get(match.end)),
  );
}

/** The matches of a sentence that neither a not-claim phrase cancels nor a not-subject phrase overlaps. */
function standingMatches(raw: Match[], exclusions: readonly Match[], notClaims: boolean): Match[] {
  // A not-claim phrase that begins or ends on a topic or hype word says in what sense that word is used — a
  // condition, a source, another substance's effect: "vooral bij mensen met een [laag magnesiumgehalte]",
  // "volgens [psychiater] X", "de [kalmerende] werking van glycine". It cancels only the matches that start on its
  // first or its last word; one that begins and ends on no such word silences the whole sentence (in
  // findingsForSentence).
  const cancelled = new Set<Match>();
  if (notClaims) {
    const startingAt = groupBy(
      raw.filter((match) => CANCELLABLE_KINDS.has(match.ruleData.kind)),
      (match) => match.first,
    );
    for (const notClaim of raw) {
      if (notClaim.ruleData.kind !== 'not-claim') continue;
      const under = [
        ...(startingAt.get(notClaim.first) ?? []),
        ...(notClaim.end - 1 > notClaim.first ? (startingAt.get(notClaim.end - 1) ?? []) : []),
      ];
      if (under.length === 0) continue;
      cancelled.add(notClaim);
      for (const match of under) cancelled.add(match);
    }
  }
  return raw.filter(
    (match) =>
      !cancelled.has(match) &&
      (match.ruleData.kind !== 'subject' || !exclusions.some((exclusion) => overlaps(exclusion, match))),
  );
}

/** Where a match stands in the block's text. */
const spanOf = (folded: FoldedText, tokens: Token[], match: Match) =>
  toOriginalSpan(folded, tokens[match.first]!.start, tokens[match.end - 1]!.end);

function evidenceOf(folded: FoldedText, tokens: Token[], match: Match): Evidence {
  const { start, end } = spanOf(folded, tokens, match);
  return { rule: match.ruleData.id, kind: match.ruleData.kind, start, end };
}

/**
 * The negations of a sentence and what they govern. A single-word negation governs what follows it closely, or what
 * it stands inside ("werkt niet direct"); a negation phrase ("vervangt geen", "no evidence") governs the whole
 * sentence — but no negation reaches past a contrast word ("maar", "but") into the next clause.
 */
class NegationScope {
  /** Clause number of every token, counted on first use. */
  private clauses: number[] | undefined;

  constructor(
    private readonly tokens: Token[],
    private readonly negations: readonly Match[],
  ) {}

  private clauseOf(tokenIndex: number): number {
    if (!this.clauses) {
      const clauses = [0];
      for (let i = 0; i < this.tokens.length; i++)
        clauses.push(clauses[i]! + (CONTRAST_WORDS.has(this.tokens[i]!.text) ? 1 : 0));
      this.clauses = clauses;
    }
    return this.clauses[tokenIndex]!;
  }

  /** "geen krampen meer", "no more cramps": relief, not denial. */
  private relief(negation: Match): boolean {
    if (negation.end - negation.first !== 1) return false;
    const windowEnd = Math.min(this.tokens.length, negation.end + NEGATION_WINDOW);
    for (let i = negation.end; i < windowEnd; i++) if (RELIEF_WORDS.has(this.tokens[i]!.text)) return true;
    return false;
  }

  private governs(negation: Match, target: Match): boolean {
    return (
      !this.relief(negation) &&
      this.clauseOf(negation.first) === this.clauseOf(target.first) &&
      (negation.end - negation.first > 1 ||
        (negation.end <= target.first && target.first - negation.end < NEGATION_WINDOW) ||
        (negation.first > target.first && negation.end < target.end))
    );
  }

  /** Whether a negation governs `target`. */
  negates(target: Match): boolean {
    return this.negations.some((negation) => this.governs(negation, target));
  }

  /**
   * The negations that refute a topic with triggers `own`: those governing one of them, or a negated hype word in
   * their clause ("geen wondermiddel voor je slaap"), not in a contrasting one ("geen wondermiddel, maar helpt wel
   * tegen krampen"). Stance is per topic: "helpt je slapen, ook als je niet moe bent" refutes nothing about sleep.
   */
  governing(own: readonly Match[], negatedHype: readonly Match[]): Match[] {
    const ownClauses = new Set(own.map((match) => this.clauseOf(match.first)));
    return this.negations.filter(
      (negation) =>
        negatedHype.some(
          (match) =>
            this.governs(negation, match) &&
            (ownClauses.size === 0 || ownClauses.has(this.clauseOf(match.first))),
        ) || own.some((match) => this.governs(negation, match)),
    );
  }
}
