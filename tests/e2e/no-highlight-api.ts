/**
 * A Chromium tab without the CSS Custom Highlight API, for the overlay painter's tests.
 *
 * Chromium has no switch for the API any more: its runtime feature ("HighlightAPI") was removed once the API
 * shipped, so `--disable-blink-features=HighlightAPI` is silently ignored (Chromium 156: `Highlight` and
 * `CSS.highlights` stay; the name is not in the binary, while a feature that still exists, e.g.
 * `--disable-blink-features=HighlightsFromPoint`, does switch off). So the API is taken away by script before anyone
 * can use it, in both worlds that matter:
 *
 * - the page's own world: an init script at document start (what the page itself sees);
 * - Nuchter's content-script world: a CDP breakpoint on the first statement of the content script; while it is
 *   paused there, the API is deleted in that very world (`Debugger.evaluateOnCallFrame`), then the script runs. So
 *   Nuchter starts in a world where `Highlight` and `CSS.highlights` do not exist, as in a browser without them.
 *
 * The breakpoint stays for the tab's life, so a page the tab navigates to loses the API too.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** Deletes the API from the world it runs in, and says what is left: `typeof Highlight,'highlights' in CSS`. */
export const REMOVE_HIGHLIGHT_API = `(() => {
  delete globalThis.Highlight;
  delete globalThis.HighlightRegistry;
  if (typeof CSS !== 'undefined') delete CSS.highlights;
  return [typeof Highlight, typeof CSS !== 'undefined' && 'highlights' in CSS].join();
})()`;

/** Nuchter's content script, as the manifest loads it. */
const CONTENT_SCRIPT_URL = '^chrome-extension://[a-p]{32}/content-scripts/content\\.js$';

export interface PageWithoutHighlightApi {
  page: Page;
  /** What each run of the content script was left with, one entry per run: "undefined,false" when it worked. */
  stripped: string[];
  /** Detaches the debugger (the page stays open). */
  stop(): Promise<void>;
}

/** A new tab of `context` where neither the page nor Nuchter's content script has the Highlight API. */
export async function newPageWithoutHighlightApi(context: BrowserContext): Promise<PageWithoutHighlightApi> {
  const page = await context.newPage();
  await page.addInitScript(REMOVE_HIGHLIGHT_API);
  const session: CDPSession = await context.newCDPSession(page);
  const stripped: string[] = [];
  /** Our breakpoint, once set: the pauses it causes are the content script's start. */
  const ours: { breakpointId?: string } = {};
  session.on('Debugger.paused', (event) => {
    void (async () => {
      try {
        const frame = event.callFrames[0];
        if (frame && ours.breakpointId && event.hitBreakpoints?.includes(ours.breakpointId)) {
          const { result, exceptionDetails } = await session.send('Debugger.evaluateOnCallFrame', {
            callFrameId: frame.callFrameId,
            expression: REMOVE_HIGHLIGHT_API,
            returnByValue: true,
          });
          stripped.push(exceptionDetails ? `error: ${exceptionDetails.text}` : String(result.value));
        }
      } finally {
        await session.send('Debugger.resume').catch(() => undefined);
      }
    })();
  });
  await session.send('Debugger.enable');
  const breakpoint = await session.send('Debugger.setBreakpointByUrl', {
    urlRegex: CONTENT_SCRIPT_URL,
    lineNumber: 0,
    columnNumber: 0,
  });
  ours.breakpointId = breakpoint.breakpointId;
  return {
    page,
    stripped,
    stop: () => session.detach().catch(() => undefined),
  };
}
