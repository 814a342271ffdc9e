import type { ClaimCountMessage, ContentRequest } from '../src/messages';

/** Forwards the keyboard shortcuts to the active tab and keeps the toolbar badge at the tab's number of claims. */
export default defineBackground(() => {
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'next-claim' && command !== 'previous-claim') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const request: ContentRequest = {
      type: 'nuchter:navigate',
      direction: command === 'next-claim' ? 1 : -1,
    };
    await browser.tabs.sendMessage(tab.id, request).catch(() => undefined);
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const count = message as ClaimCountMessage;
    if (count?.type !== 'nuchter:count' || sender.tab?.id === undefined || sender.frameId !== 0) return;
    const action = browser.action ?? browser.browserAction; // MV2 (Firefox) calls it browserAction
    void action.setBadgeText({ tabId: sender.tab.id, text: count.count > 0 ? String(count.count) : '' });
    void action.setBadgeBackgroundColor({ tabId: sender.tab.id, color: '#1f6f5f' });
  });
});
