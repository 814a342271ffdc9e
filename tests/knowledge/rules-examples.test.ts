/**
 * One generic runner over every example of every phrase rule (after ESLint's RuleTester): each `examples.match`
 * sentence marks with [brackets] what the rule should match, and the project's engine must report exactly that span
 * as evidence of the rule; each `examples.noMatch` sentence is a near miss the rule must stay out of. Test names
 * carry file, rule id and sentence, so a failure says which example to look at.
 *
 * Three kinds never show up as evidence and are tested by their effect instead: a `not-subject` match cancels every
 * subject inside its span (or, naming another substance, keeps its sentence from borrowing the subject), a `not-claim` match silences its sentence — or, when its example marks [words], cancels
 * just the topic or hype words it ends on (a condition: "vooral bij mensen met een [tekort]") — and a `references`
 * heading silences the paragraph below it. A not-claim near miss must change nothing: the engine finds the same
 * topics with and without the rule.
 */
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/knowledge/compile';
import { loadRules, type LoadedRules, type PhraseSource } from '../../src/knowledge/load';
import type { PhraseRule, RuleKind } from '../../src/knowledge/schema';
import { projectEngine, RULES_DIR } from '../../src/cli/engine';
import { ClaimEngine, type Finding } from '../../src/match/engine';
import type { TextBlock } from '../../src/text/blocks';
import type { TextLang } from '../../src/text/language';

/** The paragraph a `references` heading is tested against: a plain claim that the engine always reports. */
/** The engine is asked for its evidence: these tests check which rules a finding rests on. */
const EXPLAIN = { explain: true };
const CLAIM_PARAGRAPH = 'Magnesium helpt tegen stress en kramp.';
/** A heading that opens no bibliography, as the control for `references` examples. */
const NEUTRAL_HEADING = 'Inleiding';

/** Evidence kinds a not-claim condition phrase can cancel (as the engine's CANCELLABLE_KINDS). */
const CANCELLABLE: readonly string[] = ['trigger', 'authorised', 'hype'];

/** Kinds whose match examples need no [brackets]: a references heading is matched as a whole. */
const BRACKETS_OPTIONAL: readonly RuleKind[] = ['references', 'not-claim'];

interface Span {
  start: number;
  end: number;
}

interface MarkedExample {
  /** The sentence with the brackets removed. */
  text: string;
  /** The bracketed spans, as offsets into `text`. */
  spans: Span[];
}

/** Reads `Magnesium helpt je [slapen].` into its text and bracketed spans; throws on unbalanced or empty brackets. */
function parseMarkedExample(marked: string): MarkedExample {
  let text = '';
  const spans: Span[] = [];
  let open: number | undefined;
  for (const char of marked) {
    if (char === '[') {
      if (open !== undefined) throw new Error(`nested "[" in ${JSON.stringify(marked)}`);
      open = text.length;
    } else if (char === ']') {
      if (open === undefined) throw new Error(`"]" without "[" in ${JSON.stringify(marked)}`);
      if (open === text.length) throw new Error(`empty [] in ${JSON.stringify(marked)}`);
      spans.push({ start: open, end: text.length });
      open = undefined;
    } else {
      text += char;
    }
  }
  if (open !== undefined) throw new Error(`unclosed "[" in ${JSON.stringify(marked)}`);
  return { text, spans };
}

function hasBrackets(sentence: string): boolean {
  return /[[\]]/.test(sentence);
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** `[30, 35) "slaap"` */
function showSpan(text: string, span: Span): string {
  return `[${span.start}, ${span.end}) ${JSON.stringify(text.slice(span.start, span.end))}`;
}

/** What the engine reported, one finding a line, for failure messages. */
function showFindings(findings: readonly Finding[], texts: readonly string[]): string {
  if (findings.length === 0) return '  (no findings)';
  return findings
    .map((finding) => {
      const text = texts[finding.block] ?? '';
      const evidence = finding.evidence!.map((entry) => `${entry.rule} ${showSpan(text, entry)}`).join(', ');
      return `  block ${finding.block} ${finding.topic} (${finding.stance}): ${evidence || '(no evidence)'}`;
    })
    .join('\n');
}

function fail(lines: string[], findings: readonly Finding[], texts: readonly string[]): never {
  throw new Error(`${lines.join('\n')}\nthe engine found:\n${showFindings(findings, texts)}`);
}

function block(text: string, kind: TextBlock['kind'], lang: TextLang | undefined): TextBlock {
  return lang ? { text, kind, lang } : { text, kind };
}

/** The engine compiled without one rule: the control that shows a `not-subject` example tests something. */
function engineWithout(loaded: LoadedRules, ruleId: string): ClaimEngine {
  const phrases = loaded.phrases.map((source) => ({
    ...source,
    data: { ...source.data, rules: source.data.rules.filter((rule) => rule.id !== ruleId) },
  }));
  return new ClaimEngine(compileRules({ ...loaded, phrases }));
}

function checkMatch(loaded: LoadedRules, source: PhraseSource, rule: PhraseRule, marked: string): void {
  const { kind, lang: fileLang } = source.data;
  const lang = fileLang === 'any' ? undefined : fileLang;
  const { text, spans } = parseMarkedExample(marked);
  const engine = projectEngine();

  if (spans.length === 0 && !BRACKETS_OPTIONAL.includes(kind)) {
    throw new Error(
      `a match example must mark what ${rule.id} matches with [brackets]: ${JSON.stringify(marked)}`,
    );
  }

  if (kind === 'references') {
    const blocks = [block(text, 'heading', lang), block(CLAIM_PARAGRAPH, 'paragraph', lang)];
    const findings = engine.findClaims(blocks, EXPLAIN);
    if (findings.some((finding) => finding.block === 1)) {
      fail(
        [`the heading ${JSON.stringify(text)} should open a bibliography and silence the paragraph below`],
        findings,
        [text, CLAIM_PARAGRAPH],
      );
    }
    const controlBlocks = [
      block(NEUTRAL_HEADING, 'heading', lang),
      block(CLAIM_PARAGRAPH, 'paragraph', lang),
    ];
    const control = engine.findClaims(controlBlocks, EXPLAIN);
    if (!control.some((finding) => finding.block === 1)) {
      fail([`control: after the heading "${NEUTRAL_HEADING}" the paragraph should yield findings`], control, [
        NEUTRAL_HEADING,
        CLAIM_PARAGRAPH,
      ]);
    }
    return;
  }

  const findings = engine.findClaims([block(text, 'paragraph', lang)], EXPLAIN);

  if (kind === 'not-claim' && spans.length > 0) {
    // A condition phrase: the marked topic or hype words no longer count; the rest of the sentence still may.
    const claimedIn = (found: Finding[], span: Span) =>
      found.some((finding) =>
        finding.evidence!.some((entry) => CANCELLABLE.includes(entry.kind) && overlaps(entry, span)),
      );
    const control = engineWithout(loaded, rule.id).findClaims([block(text, 'paragraph', lang)], EXPLAIN);
    for (const span of spans) {
      if (claimedIn(findings, span))
        fail([`${rule.id} should cancel the claim word in ${showSpan(text, span)}`], findings, [text]);
      if (!claimedIn(control, span)) {
        fail(
          [
            `control: without ${rule.id} the engine should count ${showSpan(text, span)} as a claim word, or the`,
            'example shows nothing',
          ],
          control,
          [text],
        );
      }
    }
    return;
  }

  if (kind === 'not-claim') {
    if (findings.length > 0)
      fail([`${rule.id} should make ${JSON.stringify(text)} no claim`], findings, [text]);
    const control = engineWithout(loaded, rule.id).findClaims([block(text, 'paragraph', lang)], EXPLAIN);
    if (control.length === 0) {
      fail(
        [
          `control: without ${rule.id} the engine should find a claim in ${JSON.stringify(text)}, or the example shows nothing`,
        ],
        control,
        [text],
      );
    }
    return;
  }

  if (kind === 'not-subject') {
    // Either the marked words hold a subject that the rule cancels ("[magnesium velgen]"), or they name another
    // substance as the sentence's own subject ("[Taurine heeft]"), so the sentence does not borrow magnesium from the
    // one before it: no implicit finding overlaps them.
    const subjectIn = (found: Finding[], span: Span) =>
      found.some(
        (finding) =>
          finding.evidence!.some((entry) => entry.kind === 'subject' && overlaps(entry, span)) ||
          (finding.implicit && overlaps(finding, span)),
      );
    for (const span of spans) {
      if (subjectIn(findings, span)) {
        fail([`${rule.id} should cancel the subject in ${showSpan(text, span)}`], findings, [text]);
      }
      const control = engineWithout(loaded, rule.id).findClaims([block(text, 'paragraph', lang)], EXPLAIN);
      if (!subjectIn(control, span)) {
        fail(
          [
            `control: without ${rule.id} the engine should report a subject in ${showSpan(text, span)}, or the example`,
            'shows nothing (give the sentence a trigger or hype word so that it would be a claim)',
          ],
          control,
          [text],
        );
      }
    }
    return;
  }

  const missing = spans.filter(
    (span) =>
      !findings.some((finding) =>
        finding.evidence!.some(
          (entry) => entry.rule === rule.id && entry.start === span.start && entry.end === span.end,
        ),
      ),
  );
  if (missing.length > 0) {
    fail(
      [`expected evidence of ${rule.id} at ${missing.map((span) => showSpan(text, span)).join(' and ')}`],
      findings,
      [text],
    );
  }
}

function checkNoMatch(loaded: LoadedRules, source: PhraseSource, rule: PhraseRule, sentence: string): void {
  const { kind, lang: fileLang } = source.data;
  const lang = fileLang === 'any' ? undefined : fileLang;
  const engine = projectEngine();
  if (hasBrackets(sentence)) {
    throw new Error(
      `a noMatch example marks nothing, so it should hold no [brackets]: ${JSON.stringify(sentence)}`,
    );
  }

  if (kind === 'references') {
    const findings = engine.findClaims(
      [block(sentence, 'heading', lang), block(CLAIM_PARAGRAPH, 'paragraph', lang)],
      EXPLAIN,
    );
    if (!findings.some((finding) => finding.block === 1)) {
      fail([`the heading ${JSON.stringify(sentence)} should not silence the paragraph below`], findings, [
        sentence,
        CLAIM_PARAGRAPH,
      ]);
    }
    return;
  }

  const findings = engine.findClaims([block(sentence, 'paragraph', lang)], EXPLAIN);
  if (kind === 'not-claim') {
    if (findings.length === 0)
      fail([`${rule.id} should not silence ${JSON.stringify(sentence)}`], findings, [sentence]);
    const control = engineWithout(loaded, rule.id).findClaims([block(sentence, 'paragraph', lang)], EXPLAIN);
    const topics = (found: Finding[]) => [...new Set(found.map((finding) => finding.topic))].sort();
    if (topics(findings).join() !== topics(control).join()) {
      fail(
        [
          `${rule.id} should change nothing in ${JSON.stringify(sentence)}; without it: ${topics(control).join(', ')}`,
        ],
        findings,
        [sentence],
      );
    }
    return;
  }
  if (findings.some((finding) => finding.evidence!.some((entry) => entry.rule === rule.id))) {
    fail([`${rule.id} should not match here`], findings, [sentence]);
  }
}

/** Problems with a rule's example lists themselves: missing, empty, duplicated, or without the [span] markup. */
function exampleListProblems(source: PhraseSource, rule: PhraseRule): string[] {
  const problems: string[] = [];
  const match = rule.examples?.match ?? [];
  const noMatch = rule.examples?.noMatch ?? [];
  if (match.length === 0)
    problems.push(`${rule.id}: no examples.match (every rule needs a sentence it matches)`);
  if (noMatch.length === 0) problems.push(`${rule.id}: no examples.noMatch (every rule needs a near miss)`);
  const seen = new Set<string>();
  for (const sentence of [...match, ...noMatch]) {
    if (seen.has(sentence)) problems.push(`${rule.id}: example listed twice: ${JSON.stringify(sentence)}`);
    seen.add(sentence);
  }
  if (!BRACKETS_OPTIONAL.includes(source.data.kind)) {
    for (const sentence of match) {
      if (!hasBrackets(sentence)) {
        problems.push(`${rule.id}: match example without [brackets]: ${JSON.stringify(sentence)}`);
      }
    }
  }
  return problems;
}

let loaded: LoadedRules | undefined;
let loadError: unknown;
try {
  loaded = loadRules(RULES_DIR);
} catch (error) {
  loadError = error;
}

describe('rule examples', () => {
  if (!loaded) {
    it('rule files load', () => {
      throw loadError;
    });
    return;
  }
  const rules = loaded;

  for (const source of rules.phrases) {
    it(`${source.file} › every rule has match and noMatch examples, match examples mark their [span]`, () => {
      const problems = source.data.rules.flatMap((rule) => exampleListProblems(source, rule));
      expect(problems, `${source.file}:\n  ${problems.join('\n  ')}`).toEqual([]);
    });

    for (const rule of source.data.rules) {
      for (const sentence of rule.examples?.match ?? []) {
        it(`${source.file} › ${rule.id} › match: ${JSON.stringify(sentence)}`, () => {
          checkMatch(rules, source, rule, sentence);
        });
      }
      for (const sentence of rule.examples?.noMatch ?? []) {
        it(`${source.file} › ${rule.id} › noMatch: ${JSON.stringify(sentence)}`, () => {
          checkNoMatch(rules, source, rule, sentence);
        });
      }
    }
  }
});

describe('parseMarkedExample', () => {
  it.each([
    ['Magnesium helpt je [slapen].', 'Magnesium helpt je slapen.', ['slapen']],
    [
      'Magnesium [citrate] is well [absorbed].',
      'Magnesium citrate is well absorbed.',
      ['citrate', 'absorbed'],
    ],
    ['Geen haakjes.', 'Geen haakjes.', []],
  ])('%s', (marked, text, slices) => {
    const parsed = parseMarkedExample(marked);
    expect(parsed.text).toBe(text);
    expect(parsed.spans.map((span) => parsed.text.slice(span.start, span.end))).toEqual(slices);
  });

  it.each(['a [b', 'a ]b', 'a [b [c]]', 'a [] b'])('rejects %s', (marked) => {
    expect(() => parseMarkedExample(marked)).toThrow();
  });
});
