/** The messages between popup, background and content script, typed in one place. */

/** A claim as the popup lists it. */
export interface ClaimSummary {
  id: number;
  topic: string;
  verdict: string;
  /** The first words of the claim. */
  excerpt: string;
  lang: 'nl' | 'en';
}

export type ContentRequest =
  | { type: 'nuchter:navigate'; direction: 1 | -1 }
  | { type: 'nuchter:list' }
  | { type: 'nuchter:open'; id: number };

export type ContentResponse<R extends ContentRequest> = R extends { type: 'nuchter:list' }
  ? { claims: ClaimSummary[] }
  : { ok: boolean };

/** Sent by the content script to the background when a card opens: the answer is a `CardKnowledge`. */
export interface KnowledgeRequest {
  type: 'nuchter:knowledge';
  topics: string[];
}

export function isKnowledgeRequest(message: unknown): message is KnowledgeRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { type, topics } = message as { type?: unknown; topics?: unknown };
  return type === 'nuchter:knowledge' && Array.isArray(topics) && topics.every((t) => typeof t === 'string');
}

/** Sent by the content script to the background whenever its number of claims changes (for the badge). */
export interface ClaimCountMessage {
  type: 'nuchter:count';
  count: number;
}

export function isContentRequest(message: unknown): message is ContentRequest {
  if (typeof message !== 'object' || message === null) return false;
  const type = (message as { type?: unknown }).type;
  return type === 'nuchter:navigate' || type === 'nuchter:list' || type === 'nuchter:open';
}
