import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { nuchterRulesPlugin } from './src/build/rules-plugin';
import { noInnerHtmlPlugin } from './src/build/no-inner-html';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  vite: () => ({
    plugins: [
      preact(),
      nuchterRulesPlugin(fileURLToPath(new URL('./rules', import.meta.url))),
      noInnerHtmlPlugin(),
    ],
  }),
  zip: {
    // The sources zip Firefox review asks for: what `npm ci && npm run build:firefox` needs, nothing generated.
    // WXT already leaves out node_modules, dot-files, test files and .output/.
    excludeSources: ['tests/**', 'web-ext-artifacts/**', 'stats.html', '**/*.log'],
  },
  manifest: ({ browser }) => ({
    name: 'Nuchter',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage'],
    // The pages the content script reads anyway; lets the popup and badge see which site a tab shows.
    host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'next-claim': { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_commandNext__' },
      'previous-claim': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_commandPrevious__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'nuchter@nuchter.example',
              // The CSS Custom Highlight API and data_collection_permissions arrived in Firefox 140.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
