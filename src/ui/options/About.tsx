/** The about page: what Nuchter is, the privacy promise, and the knowledge file's version, date and sources. */
import type { KnowledgeFile } from '../../knowledge/schema';
import { SourceList } from '../SourceList';
import { TOPIC_IDS, type Lang } from '../../knowledge/vocabulary';
import { t } from '../i18n';

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
            <SourceList sources={topic.sources} />
          </section>
        );
      })}
    </main>
  );
}
