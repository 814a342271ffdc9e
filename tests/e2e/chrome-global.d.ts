/** Functions the e2e tests evaluate inside extension pages and the service worker use the `chrome` global. */
declare const chrome: import('wxt/browser').WxtBrowser;
