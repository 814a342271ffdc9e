/**
 * The verdict card: what the evidence says about the claim the reader chose. A pure function of its props; the
 * host (card-host.ts) owns mounting, positioning and focus. Page text is rendered as text, never as HTML.
 */
import type { CardKnowledge } from '../knowledge/card-knowledge';
import type { KnowledgeFile, Lang, Verdict } from '../knowledge/schema';
import type { Finding } from '../match/engine';
import { SourceList } from './SourceList';
import { STRINGS } from './strings';

/** What the card shows of a finding. */
export type CardClaim = Pick<
  Finding,
  'text' | 'topic' | 'verdict' | 'subclaim' | 'euClaim' | 'hype' | 'stance' | 'implicit'
>;

export interface CardProps {
  /** The claims at the chosen place: one per topic of the sentence. */
  claims: CardClaim[];
  /** Which of `claims` is shown. */
  selected: number;
  /** The knowledge of the claims' topics (see card-knowledge.ts). */
  knowledge: CardKnowledge;
  lang: Lang;
  /** Position of this place among the page's claims, 1-based. */
  index: number;
  total: number;
  onSelect: (index: number) => void;
  onClose: () => void;
  onPrevious: () => void;
  onNext: () => void;
}

/** The longest quote shown; the full sentence stays highlighted in the page. */
const QUOTE_LIMIT = 220;

function VerdictBadge({ verdict, label }: { verdict: string; label: string }) {
  return (
    <span class={`badge badge-${verdict}`}>
      <span class={`mark mark-${verdict}`} aria-hidden="true" />
      {label}
    </span>
  );
}

export function Card(props: CardProps) {
  const { claims, selected, knowledge, lang, index, total } = props;
  const strings = STRINGS[lang];
  const claim = claims[selected] ?? claims[0]!;
  const topic = knowledge.topics[claim.topic as keyof KnowledgeFile['topics']];
  if (!topic) return null; // the host renders only once it knows every topic at the place
  const text = topic.text[lang];
  const subclaim = topic.subclaims?.find((candidate) => candidate.id === claim.subclaim);
  const verdict = claim.verdict as Verdict;
  const quote = claim.text.length > QUOTE_LIMIT ? `${claim.text.slice(0, QUOTE_LIMIT - 1)}…` : claim.text;
  const headingId = 'nuchter-card-title';

  return (
    <section
      class={`card verdict-${verdict}`}
      role="dialog"
      tabIndex={-1}
      aria-modal="false"
      aria-labelledby={headingId}
      aria-label={strings.dialogLabel(text.label)}
    >
      <header class="card-header">
        <VerdictBadge verdict={verdict} label={strings.verdicts[verdict]} />
        <button type="button" class="icon-button" aria-label={strings.close} onClick={props.onClose}>
          ×
        </button>
      </header>
      {claims.length > 1 && (
        <div class="topics" role="tablist">
          {claims.map((other, position) => (
            <button
              type="button"
              role="tab"
              aria-selected={position === selected}
              class={position === selected ? 'topic-tab selected' : 'topic-tab'}
              onClick={() => props.onSelect(position)}
            >
              {knowledge.topics[other.topic as keyof KnowledgeFile['topics']]?.text[lang].label ??
                other.topic}
            </button>
          ))}
        </div>
      )}
      <h2 id={headingId} class="headline">
        <span class="topic-label">{text.label}</span>{' '}
        {subclaim ? subclaim.text[lang].headline : text.headline}
      </h2>
      <blockquote class="quote">{quote}</blockquote>
      <p class={`stance stance-${claim.stance}`}>{strings.stances[claim.stance]}</p>
      {claim.implicit && <p class="note">{strings.implicit}</p>}

      <h3>{strings.isTrue}</h3>
      <p>{text.isTrue}</p>
      <h3>{strings.overstated}</h3>
      <p>{subclaim ? subclaim.text[lang].overstated : text.overstated}</p>
      {claim.hype.length > 0 && (
        <p class="hype">
          <span class="label">{strings.hypeWords}:</span>{' '}
          {claim.hype.map((word) => (
            <mark class="hype-word">{word}</mark>
          ))}
        </p>
      )}
      <h3>{strings.saferWording}</h3>
      <p class="safer">{text.saferWording}</p>

      <h3>{strings.euTitle}</h3>
      {claim.euClaim ? (
        <p>
          {strings.euAuthorisedWording} <q>{knowledge.euClaims[claim.euClaim]?.[lang]}</q>
        </p>
      ) : topic.eu.status === 'closest' ? (
        <>
          <p>{strings.euClosest}</p>
          <ul class="eu-claims">
            {topic.eu.claims?.map((id) => (
              <li>{knowledge.euClaims[id]?.[lang]}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{topic.eu.status === 'medical' ? strings.euMedical : strings.euNone}</p>
      )}
      <p class="note">{topic.eu.note[lang]}</p>

      <h3>{strings.sources}</h3>
      <SourceList sources={topic.sources} class="sources" />

      <footer class="card-footer">
        <button type="button" onClick={props.onPrevious} aria-label={strings.previous}>
          ‹
        </button>
        <span>{strings.claimOf(index, total)}</span>
        <button type="button" onClick={props.onNext} aria-label={strings.next}>
          ›
        </button>
      </footer>
    </section>
  );
}
