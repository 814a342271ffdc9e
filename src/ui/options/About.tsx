/** The about page: what Nuchter is, the privacy promise, and the knowledge file's version, date and sources. */
import type { KnowledgeFile, Source } from '../../knowledge/schema';
import { TOPIC_IDS, type Lang } from '../../knowledge/vocabulary';
import { t } from '../i18n';

function sourceHref(source: Source): string | undefined {
  return source.url ?? (source.doi ? `https://doi.org/${source.doi}` : undefined);
}

export function About({ knowledge, lang }: { knowledge: KnowledgeFile; lang: Lang }) {
  return (
    <main class="about">
      <h1>{t('optionsTitle')}</h1>
      <p>{t('optionsIntro')}</p>
      <h2>{t('optionsPrivacyHeading')}</h2>
      <p>{t('optionsPrivacy')}</p>
      <h2>{t('optionsKnowledgeHeading')}</h2>
      <p>{t('optionsKnowledgeVersion', String(knowledge.version), knowledge.reviewed)}</p>
      <h2>{t('optionsSourcesHeading')}</h2>
      {TOPIC_IDS.map((id) => {
        const topic = knowledge.topics[id];
        return (
          <section>
            <h3>{topic.text[lang].label}</h3>
            <ul>
              {topic.sources.map((source) => {
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
          </section>
        );
      })}
    </main>
  );
}
