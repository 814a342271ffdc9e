import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The engine layers must run in plain Node (tests, CLI): no UI framework, no WXT, no browser API.
const engineRestrictions = {
  patterns: [
    { group: ['preact', 'preact/*'], message: 'The engine layers must not depend on Preact.' },
    {
      group: ['wxt', 'wxt/*', '#imports', '@wxt-dev/*'],
      message: 'The engine layers must not depend on WXT.',
    },
    {
      group: ['**/ui/**', '**/highlight/**', '**/content/**', '**/entrypoints/**'],
      message: 'Layers point one way.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', '.bench/**', 'tests/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-eval': 'error',
      // Page text is rendered as text, never as HTML (src/build/no-inner-html.ts takes Preact's support out).
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Nuchter never inserts HTML: render text as Preact children.',
        },
        {
          selector:
            "Property:matches([key.name='dangerouslySetInnerHTML'], [key.value='dangerouslySetInnerHTML'])",
          message: 'Nuchter never inserts HTML: render text as Preact children.',
        },
      ],
    },
  },
  {
    files: ['src/text/**', 'src/match/**', 'src/knowledge/**'],
    rules: {
      'no-restricted-imports': ['error', engineRestrictions],
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'The engine layers must not use the extension API.' },
        { name: 'chrome', message: 'The engine layers must not use the extension API.' },
      ],
    },
  },
);
