/**
 * Takes the one `innerHTML` assignment out of the bundle: Preact's `dangerouslySetInnerHTML` support. Nuchter never
 * uses that prop (ESLint forbids it) and must never insert page text as HTML, so at build time the branch of
 * Preact's diff that would assign the HTML is rewritten to throw instead. Firefox's add-on linter then has nothing to
 * warn about.
 *
 * Checked, not hoped for: the build fails with a clear message when Preact's core file does not contain exactly the
 * code this plugin expects to rewrite, when any other Preact file mentions `innerHTML`, or when any emitted chunk
 * still mentions `innerHTML` (a dependency other than Preact, or our own code). A Preact upgrade therefore cannot
 * bring the assignment back silently: it fails the build until this file is updated.
 */
import type { Plugin } from 'vite';

/** Where Vite finds Preact: `preact/dist/preact.mjs` in Preact 11 (`preact.module.js` in older releases). */
const PREACT_FILE = /\/node_modules\/preact\/(?:.+\/)?[^/]+\.[cm]?js$/;
const PREACT_CORE_FILE = /\/node_modules\/preact\/dist\/[^/]+\.[cm]?js$/;

/**
 * The assignment in Preact's diff, `dom.innerHTML = newHtml.__html` (minified: `t.innerHTML=h.__html`).
 * The identifiers are matched loosely so a re-minified patch release still matches.
 */
const ASSIGNMENT = /[\w$]+\.innerHTML\s*=\s*[\w$]+\.__html\b/g;
/**
 * The check just before it, `newHtml.__html != dom.innerHTML` (minified: `h.__html==t.innerHTML`), which skips the
 * assignment when the element already holds that HTML.
 */
const COMPARISON = /[\w$]+\.__html\s*([!=])==?\s*[\w$]+\.innerHTML\b/g;
/** Any mention at all; `dangerouslySetInnerHTML` has a capital I and does not count. */
const ANY_INNER_HTML = /\binnerHTML\b/;

export const DANGEROUS_HTML_MESSAGE =
  'Nuchter: dangerouslySetInnerHTML is disabled at build time (src/build/no-inner-html.ts). ' +
  'Render text as text, never as HTML.';
/** An expression (not a statement, and safe after a line without a semicolon) that throws. */
const THROW = `void function(){throw new Error(${JSON.stringify(DANGEROUS_HTML_MESSAGE)})}()`;

function fail(file: string, reason: string): never {
  throw new Error(
    `no-inner-html: ${file}: ${reason}. Preact's code changed; update src/build/no-inner-html.ts so its ` +
      'dangerouslySetInnerHTML branch throws instead of assigning innerHTML.',
  );
}

function count(code: string, pattern: RegExp): number {
  return code.match(pattern)?.length ?? 0;
}

/**
 * Rewrites Preact's core file: the comparison becomes "not equal" (so the assignment is always reached) and the
 * assignment becomes a throw. Throws when either is not found exactly once or any `innerHTML` is left.
 */
export function removePreactInnerHtml(code: string, file: string): string {
  const assignments = count(code, ASSIGNMENT);
  const comparisons = count(code, COMPARISON);
  if (assignments !== 1 || comparisons !== 1) {
    fail(
      file,
      `expected one "el.innerHTML = html.__html" and one "html.__html == el.innerHTML", ` +
        `found ${assignments} and ${comparisons}`,
    );
  }
  const rewritten = code
    .replace(COMPARISON, (_match, operator: string) => (operator === '!' ? '!0' : '!1'))
    .replace(ASSIGNMENT, THROW);
  if (ANY_INNER_HTML.test(rewritten)) fail(file, 'innerHTML is still mentioned after the rewrite');
  return rewritten;
}

/** The file path of a module id: no query, forward slashes. */
function pathOf(id: string): string {
  return id.split('?', 1)[0]!.replaceAll('\\', '/');
}

export function noInnerHtmlPlugin(): Plugin {
  return {
    name: 'nuchter-no-inner-html',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      const file = pathOf(id);
      if (!PREACT_FILE.test(file)) return undefined;
      try {
        if (PREACT_CORE_FILE.test(file)) return { code: removePreactInnerHtml(code, file), map: null };
        if (ANY_INNER_HTML.test(code)) fail(file, 'a Preact file other than the core one mentions innerHTML');
      } catch (error) {
        this.error((error as Error).message);
      }
      return undefined;
    },
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk' && ANY_INNER_HTML.test(output.code)) {
          this.error(
            `no-inner-html: ${output.fileName} mentions innerHTML. Nuchter never inserts HTML; ` +
              'use textContent or Preact children (see src/build/no-inner-html.ts).',
          );
        }
      }
    },
  };
}
