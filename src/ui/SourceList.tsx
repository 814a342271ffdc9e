/** A topic's sources as a list: a link where the source has a URL or DOI, plain text otherwise. */
import type { Source } from '../knowledge/schema';

function sourceHref(source: Source): string | undefined {
  return source.url ?? (source.doi ? `https://doi.org/${source.doi}` : undefined);
}

export function SourceList({ sources, class: className }: { sources: readonly Source[]; class?: string }) {
  return (
    <ul class={className}>
      {sources.map((source) => {
        const href = sourceHref(source);
        const label = `${source.authors} (${source.year}). ${source.title}. ${source.venue}.`;
        return (
          <li>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                {label}
              </a>
            ) : (
              label
            )}
          </li>
        );
      })}
    </ul>
  );
}
