import rules from 'virtual:nuchter-rules';
import knowledge from 'virtual:nuchter-knowledge';
import { startNuchter } from '../../src/content/controller';
import './highlights.css';

/** Thin entrypoint: all work happens in `main`, wired to `ctx` so it stops when the extension reloads. */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: true,
  cssInjectionMode: 'manifest',
  main(ctx) {
    void startNuchter(ctx, { rules, knowledge });
  },
});
