import knowledge from 'virtual:nuchter-knowledge';
import { cardKnowledgeFor } from '../src/knowledge/card-knowledge';
import { isKnowledgeRequest, type ClaimCountMessage, type ContentRequest } from '../src/messages';
import { isActiveOn, readSettings, watchSettings, type Settings } from '../src/settings/settings';

/**
 * Forwards the keyboard shortcuts to the active tab, keeps each tab's badge at its number of claims, shows the grey
 * icon on tabs where Nuchter is switched off, and holds the knowledge file, which it hands out a card at a time.
 */
export default defineBackground(() => {
  const action = browser.action ?? browser.browserAction; // MV2 (Firefox) calls it browserAction
  const ICON_ON = { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png' };
  const ICON_OFF = { 16: '/icon-off/16.png', 32: '/icon-off/32.png', 48: '/icon-off/48.png' };

  async function showState(tabId: number, url: string | undefined, settings: Settings): Promise<void> {
    const active = url !== undefined && isActiveOn(settings, url);
    await action.setIcon({ tabId, path: active ? ICON_ON : ICON_OFF }).catch(() => undefined);
    if (!active) await action.setBadgeText({ tabId, text: '' }).catch(() => undefined);
  }

  async function showAllTabs(settings: Settings): Promise<void> {
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined) await showState(tab.id, tab.url, settings);
    }
  }

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'next-claim' && command !== 'previous-claim') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const request: ContentRequest = {
      type: 'nuchter:navigate',
      direction: command === 'next-claim' ? 1 : -1,
    };
    await browser.tabs.sendMessage(tab.id, request, { frameId: 0 }).catch(() => undefined);
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (isKnowledgeRequest(message)) {
      sendResponse(cardKnowledgeFor(knowledge, message.topics));
      return;
    }
    const count = message as ClaimCountMessage;
    if (count?.type !== 'nuchter:count' || sender.tab?.id === undefined || sender.frameId !== 0) return;
    void action.setBadgeText({ tabId: sender.tab.id, text: count.count > 0 ? String(count.count) : '' });
    void action.setBadgeBackgroundColor({ tabId: sender.tab.id, color: '#1f6f5f' });
  });

  // A new page in a tab starts without claims; its content script reports its own count.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading') void action.setBadgeText({ tabId, text: '' }).catch(() => undefined);
    if (change.status === 'loading' || change.url)
      void readSettings().then((settings) => showState(tabId, tab.url, settings));
  });
  watchSettings((settings) => void showAllTabs(settings));
  void readSettings().then(showAllTabs);
});
