/** The toolbar popup's view: a pure function of its props; PopupContainer loads the data and acts. */
import type { KnowledgeFile } from '../../knowledge/schema';
import type { Lang, Verdict } from '../../knowledge/vocabulary';
import { VERDICTS } from '../../knowledge/vocabulary';
import type { ClaimSummary } from '../../messages';
import type { CardLanguage, Settings } from '../../settings/settings';
import { t, VERDICT_MESSAGES } from '../i18n';

export type PageState =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'off' }
  | { kind: 'claims'; claims: ClaimSummary[] };

export interface PopupProps {
  settings: Settings;
  /** The current tab's site, if Nuchter can run there. */
  site: string | undefined;
  page: PageState;
  knowledge: KnowledgeFile;
  lang: Lang;
  onToggleEnabled: (enabled: boolean) => void;
  onToggleSite: (enabled: boolean) => void;
  onToggleVerdict: (verdict: Verdict, shown: boolean) => void;
  onCardLanguage: (language: CardLanguage) => void;
  onOpenClaim: (id: number) => void;
  onAbout: () => void;
}

function Switch(props: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label class="switch-row">
      <span>{props.label}</span>
      <button
        type="button"
        role="switch"
        aria-checked={props.checked}
        aria-label={props.label}
        disabled={props.disabled}
        class="switch"
        onClick={() => props.onChange(!props.checked)}
      >
        <span class="knob" aria-hidden="true" />
      </button>
    </label>
  );
}

export function Popup(props: PopupProps) {
  const { settings, site, page, knowledge, lang } = props;
  const siteOn = site !== undefined && !settings.disabledSites.includes(site);
  const topicLabel = (topic: string) =>
    knowledge.topics[topic as keyof KnowledgeFile['topics']]?.text[lang].label ?? topic;

  return (
    <main class="popup">
      <header class="title">
        <img src="/icon/32.png" alt="" width="20" height="20" />
        <h1>Nuchter</h1>
      </header>

      <section class="switches">
        <Switch label={t('popupOnEverywhere')} checked={settings.enabled} onChange={props.onToggleEnabled} />
        {site !== undefined && (
          <Switch
            label={t('popupOnThisSite', site)}
            checked={siteOn}
            disabled={!settings.enabled}
            onChange={props.onToggleSite}
          />
        )}
      </section>

      <section aria-labelledby="claims-heading">
        <h2 id="claims-heading">
          {t('popupClaimsHeading')}
          {page.kind === 'claims' && (
            <span class="count">{t('popupClaimCount', String(page.claims.length))}</span>
          )}
        </h2>
        {page.kind === 'unavailable' && <p class="note">{t('popupUnavailable')}</p>}
        {page.kind === 'off' && <p class="note">{t('popupOffHere')}</p>}
        {page.kind === 'claims' && page.claims.length === 0 && <p class="note">{t('popupNoClaims')}</p>}
        {page.kind === 'claims' && page.claims.length > 0 && (
          <ol class="claims">
            {page.claims.map((claim) => (
              <li>
                <button type="button" class="claim" onClick={() => props.onOpenClaim(claim.id)}>
                  <span class={`mark mark-${claim.verdict}`} aria-hidden="true" />
                  <span class="claim-text">
                    <strong>{topicLabel(claim.topic)}</strong>
                    <span class="verdict">
                      {t(VERDICT_MESSAGES[claim.verdict as Verdict] ?? 'verdictMixed')}
                    </span>
                    <span class="excerpt">{claim.excerpt}</span>
                  </span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="legend-heading">
        <h2 id="legend-heading">{t('popupLegendHeading')}</h2>
        <ul class="legend">
          {VERDICTS.map((verdict) => (
            <li>
              <label>
                <input
                  type="checkbox"
                  checked={!settings.hiddenVerdicts.includes(verdict)}
                  onChange={(event) =>
                    props.onToggleVerdict(verdict, (event.target as HTMLInputElement).checked)
                  }
                />
                <span class={`mark mark-${verdict}`} aria-hidden="true" />
                {t(VERDICT_MESSAGES[verdict])}
              </label>
            </li>
          ))}
        </ul>
      </section>

      <section class="language">
        <label>
          {t('popupCardLanguage')}{' '}
          <select
            value={settings.cardLanguage}
            onChange={(event) =>
              props.onCardLanguage((event.target as HTMLSelectElement).value as CardLanguage)
            }
          >
            <option value="page">{t('popupCardLanguagePage')}</option>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
        </label>
      </section>

      <footer>
        <button type="button" class="link" onClick={props.onAbout}>
          {t('popupAbout')}
        </button>
      </footer>
    </main>
  );
}
