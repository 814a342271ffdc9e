// Records, in the page's own world, every change to the page once the parser is done — before any content script
// runs at document_idle — in `window.__mutations`; `window.__bodyAtParse` is the body as parsed. Loaded by test
// pages with <script src>, or by a test with page.addInitScript({ path }).
(() => {
  window.__mutations = [];
  const describe = (node) => (node.nodeType === 1 ? node.nodeName : '#' + node.nodeName.replace('#', ''));
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      window.__mutations.push({
        type: record.type,
        target: describe(record.target),
        attributeName: record.attributeName,
        added: [...record.addedNodes].map(describe),
        removed: [...record.removedNodes].map(describe),
      });
    }
  });
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    window.__bodyAtParse = document.body.outerHTML;
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    window.__observingSince = performance.now();
  });
})();
