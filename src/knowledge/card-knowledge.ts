/**
 * The part of the knowledge file one card needs: the topics of the claims at one place, and the EU-authorised
 * wordings. The background holds the whole file and answers with this; the content script, which runs on every
 * page, carries none of it until a card opens.
 */
import type { KnowledgeFile } from './schema';
import { TOPIC_IDS, type TopicId } from './vocabulary';

export interface CardKnowledge {
  topics: Partial<KnowledgeFile['topics']>;
  euClaims: KnowledgeFile['euClaims'];
}

const isTopicId = (topic: string): topic is TopicId => (TOPIC_IDS as readonly string[]).includes(topic);

/** The entries of `topics` (unknown ids are left out) and every EU wording. */
export function cardKnowledgeFor(knowledge: KnowledgeFile, topics: readonly string[]): CardKnowledge {
  const picked: CardKnowledge['topics'] = {};
  for (const topic of topics) {
    if (isTopicId(topic)) picked[topic] = knowledge.topics[topic];
  }
  return { topics: picked, euClaims: knowledge.euClaims };
}
