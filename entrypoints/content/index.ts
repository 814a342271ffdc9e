import rules from 'virtual:nuchter-rules';
import { startNuchter } from '../../src/content/controller';
import './highlights.css';

/** Thin entrypoint: all work happens in `main`, wired to `ctx` so it stops when the extension reloads. */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: true,
  // Same-origin frames without a URL of their own (srcdoc, about:blank) are part of the page: read them too.
  matchAboutBlank: true,
  cssInjectionMode: 'manifest',
  // WXT would otherwise window.postMessage its start event, telling every page Nuchter's extension id.
  noScriptStartedPostMessage: true,
  main(ctx) {
    void startNuchter(ctx, { rules });
  },
});
