import { beforeAll, describe, expect, it } from 'vitest';
import { RULES_DIR } from '../../src/cli/engine';
import { cardKnowledgeFor } from '../../src/knowledge/card-knowledge';
import { loadRules } from '../../src/knowledge/load';
import type { KnowledgeFile } from '../../src/knowledge/schema';
import { TOPIC_IDS } from '../../src/knowledge/vocabulary';
import { isKnowledgeRequest } from '../../src/messages';

let knowledge: KnowledgeFile;
beforeAll(() => {
  knowledge = loadRules(RULES_DIR).knowledge;
}, 60_000);

describe('cardKnowledgeFor', () => {
  it('hands out exactly the asked topics, as in the file, with every EU wording', () => {
    const part = cardKnowledgeFor(knowledge, ['sleep', 'cramps']);
    expect(Object.keys(part.topics).sort()).toEqual(['cramps', 'sleep']);
    expect(part.topics.sleep).toEqual(knowledge.topics.sleep);
    expect(part.euClaims).toEqual(knowledge.euClaims);
  });

  it('leaves out ids that are no topic, including inherited property names', () => {
    const part = cardKnowledgeFor(knowledge, ['sleep', 'no-such-topic', '__proto__', 'toString']);
    expect(Object.keys(part.topics)).toEqual(['sleep']);
  });

  it('is much smaller than the whole file for one card', () => {
    const whole = JSON.stringify(knowledge).length;
    const one = JSON.stringify(cardKnowledgeFor(knowledge, ['sleep'])).length;
    expect(one).toBeLessThan(whole / 4);
    // …and a card's text for every topic can be had.
    for (const topic of TOPIC_IDS) expect(cardKnowledgeFor(knowledge, [topic]).topics[topic]).toBeDefined();
  });
});

describe('isKnowledgeRequest', () => {
  it.each([
    [{ type: 'nuchter:knowledge', topics: ['sleep'] }, true],
    [{ type: 'nuchter:knowledge', topics: [] }, true],
    [{ type: 'nuchter:knowledge' }, false],
    [{ type: 'nuchter:knowledge', topics: 'sleep' }, false],
    [{ type: 'nuchter:knowledge', topics: [1] }, false],
    [{ type: 'nuchter:count', count: 1 }, false],
    [null, false],
    ['nuchter:knowledge', false],
  ])('%j → %s', (message, expected) => {
    expect(isKnowledgeRequest(message)).toBe(expected);
  });
});
