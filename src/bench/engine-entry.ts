/**
 * What the engine benchmark runs, bundled the way the extension ships it (see `shipped-engine.ts`): the engine and
 * the text layer's steps that its profile times one by one.
 */
export { ClaimEngine, looksLikeCitation } from '../match/engine';
export { findPhraseMatches, indexPatterns } from '../match/matcher';
export { foldText, toOriginalSpan } from '../text/normalize';
export { plainTextBlocks } from '../text/plain-blocks';
export { splitSentences } from '../text/segment';
export { tokenize } from '../text/tokens';
