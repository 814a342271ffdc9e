import './highlights.css';

/** Thin entrypoint: all work happens in `main`, wired to `ctx` so it stops when the extension reloads. */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: true,
  cssInjectionMode: 'manifest',
  main() {
    document.documentElement.dataset.nuchterProbe = '1';
  },
});
