/** Loads what the popup shows — the tab, its claims, the settings — and turns the reader's choices into actions. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import knowledge from 'virtual:nuchter-knowledge';
import type { Verdict } from '../../knowledge/vocabulary';
import type { ClaimSummary, ContentRequest } from '../../messages';
import {
  DEFAULT_SETTINGS,
  isActiveOn,
  readSettings,
  siteOf,
  watchSettings,
  writeSetting,
  type Settings,
} from '../../settings/settings';
import { uiLang } from '../i18n';
import { Popup, type PageState } from './Popup';

/**
 * The tab the popup is about: the active tab, or the one named by `?tab=<id>` — browsers give automation no way
 * to open the toolbar popup, so the e2e tests open popup.html?tab=<id> in a tab of its own.
 */
async function targetTab() {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return browser.tabs.get(named).catch(() => undefined);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** Asks the tab's top frame for its claims; a tab without our content script (a PDF, the web store) does not answer. */
async function claimsOf(tabId: number): Promise<ClaimSummary[] | undefined> {
  const request: ContentRequest = { type: 'nuchter:list' };
  try {
    const response = (await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) as {
      claims?: ClaimSummary[];
    };
    return response?.claims;
  } catch {
    return undefined;
  }
}

export function PopupContainer() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [tab, setTab] = useState<{ id: number; url: string } | undefined>();
  const [page, setPage] = useState<PageState>({ kind: 'loading' });

  useEffect(() => {
    void readSettings().then(setSettings);
    void targetTab().then((found) => {
      if (found?.id !== undefined) setTab({ id: found.id, url: found.url ?? '' });
      else setPage({ kind: 'unavailable' });
    });
    return watchSettings(setSettings);
  }, []);

  useEffect(() => {
    if (!tab) return;
    if (siteOf(tab.url) === undefined) {
      setPage({ kind: 'unavailable' });
      return;
    }
    if (!isActiveOn(settings, tab.url)) {
      setPage({ kind: 'off' });
      return;
    }
    // The content script applies a switch-on asynchronously; ask again shortly after.
    let cancelled = false;
    const ask = () =>
      claimsOf(tab.id).then((claims) => {
        if (!cancelled) setPage(claims ? { kind: 'claims', claims } : { kind: 'unavailable' });
      });
    void ask();
    const retry = setTimeout(() => void ask(), 600);
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [tab, settings]);

  const site = tab ? siteOf(tab.url) : undefined;
  return (
    <Popup
      settings={settings}
      site={site}
      page={page}
      knowledge={knowledge}
      lang={uiLang()}
      onToggleEnabled={(enabled) => void writeSetting('enabled', enabled)}
      onToggleSite={(enabled) => {
        if (!site) return;
        const others = settings.disabledSites.filter((entry) => entry !== site);
        void writeSetting('disabledSites', enabled ? others : [...others, site]);
      }}
      onToggleVerdict={(verdict: Verdict, shown) => {
        const others = settings.hiddenVerdicts.filter((entry) => entry !== verdict);
        void writeSetting('hiddenVerdicts', shown ? others : [...others, verdict]);
      }}
      onCardLanguage={(language) => void writeSetting('cardLanguage', language)}
      onOpenClaim={(id) => {
        if (!tab) return;
        const request: ContentRequest = { type: 'nuchter:open', id };
        void browser.tabs
          .sendMessage(tab.id, request, { frameId: 0 })
          .catch(() => undefined)
          .then(() => {
            if (!new URLSearchParams(location.search).has('tab')) window.close();
          });
      }}
      onAbout={() => void browser.runtime.openOptionsPage()}
    />
  );
}
