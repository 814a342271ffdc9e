/**
 * The build takes Preact's one `innerHTML` assignment (its `dangerouslySetInnerHTML` support) out of the bundle
 * (`src/build/no-inner-html.ts`). These tests run the plugin on the Preact that is installed, check that the rewritten
 * Preact still renders but refuses the prop, and that the plugin fails loudly when Preact's code is not what it
 * expects, so an upgrade cannot bring the assignment back unnoticed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { DANGEROUS_HTML_MESSAGE, noInnerHtmlPlugin } from '../../src/build/no-inner-html';

/** The file Vite bundles for `import … from 'preact'` (Preact 11: `preact/dist/preact.mjs`). */
const PREACT_CORE = createRequire(import.meta.url).resolve('preact');
const PREACT_ROOT = dirname(dirname(PREACT_CORE));
const INNER_HTML = /\binnerHTML\b/;

/** Plugin hooks called the way Rollup calls them, with `this.error` throwing as it does there. */
const context = {
  error(message: string): never {
    throw new Error(message);
  },
};
type Hook = (this: unknown, ...args: unknown[]) => unknown;
function hook(name: 'transform' | 'generateBundle'): Hook {
  const value = noInnerHtmlPlugin()[name] as Hook | { handler: Hook };
  return typeof value === 'function' ? value : value.handler;
}
function transform(code: string, id: string): string | undefined {
  const result = hook('transform').call(context, code, id) as { code: string } | undefined;
  return result?.code;
}
function generateBundle(chunks: Record<string, string>): void {
  const bundle = Object.fromEntries(
    Object.entries(chunks).map(([fileName, code]) => [fileName, { type: 'chunk', fileName, code }]),
  ) as unknown as Rollup.OutputBundle;
  hook('generateBundle').call(context, {}, bundle, false);
}

/** Every built JavaScript file Preact ships, outside its `src/`. */
function preactBuiltFiles(dir = PREACT_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'src' || entry.name === 'node_modules' ? [] : preactBuiltFiles(path);
    return /\.[cm]?js$/.test(entry.name) ? [path] : [];
  });
}

const original = readFileSync(PREACT_CORE, 'utf8');

describe("the installed Preact's core file", () => {
  const rewritten = transform(original, PREACT_CORE);
  const tempDir = mkdtempSync(join(tmpdir(), 'nuchter-preact-'));
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  it('has the innerHTML assignment before the rewrite', () => {
    expect(original).toMatch(/\.innerHTML\s*=\s*[\w$]+\.__html/);
  });

  it('mentions innerHTML nowhere after it, and throws instead', () => {
    expect(rewritten).toBeDefined();
    expect(rewritten).not.toMatch(INNER_HTML);
    expect(rewritten).not.toMatch(/\.innerHTML\s*=/);
    expect(rewritten).toContain(JSON.stringify(DANGEROUS_HTML_MESSAGE));
    // Only the two expressions changed: the exports are all there.
    expect(rewritten!.slice(rewritten!.lastIndexOf('export{'))).toBe(
      original.slice(original.lastIndexOf('export{')),
    );
  });

  it('still renders text as text, and refuses dangerouslySetInnerHTML', async () => {
    const file = join(tempDir, 'preact.mjs');
    // Without its source-map comment: the map file stays behind in node_modules.
    writeFileSync(file, rewritten!.replace(/\/\/# sourceMappingURL=\S+\s*$/, ''));
    const { h, render } = (await import(/* @vite-ignore */ file)) as typeof import('preact');
    // Preact creates nodes through the container's ownerDocument, so a happy-dom window is enough.
    const document = new Window().document;
    const root = document.createElement('div');
    render(h('p', { title: 'claim' }, 'Magnesium <b>cures</b> everything'), root);
    expect(root.querySelector('p')?.textContent).toBe('Magnesium <b>cures</b> everything');
    expect(root.querySelector('b')).toBeNull();

    const other = document.createElement('div');
    // eslint-disable-next-line no-restricted-syntax -- the prop ESLint forbids, to show the build refuses it too
    const dangerous = h('div', { dangerouslySetInnerHTML: { __html: '<b>hype</b>' } });
    expect(() => render(dangerous, other)).toThrow(DANGEROUS_HTML_MESSAGE);
    expect(other.querySelector('b')).toBeNull();

    // The control: Preact as installed, without the build's rewrite, inserts the HTML.
    const control = document.createElement('div');
    const installed = await import('preact');
    installed.render(dangerous, control);
    expect(control.querySelector('b')?.textContent).toBe('hype');
  });
});

describe("Preact's other files", () => {
  const others = preactBuiltFiles().filter((file) => file !== PREACT_CORE && !file.includes('/dist/preact.'));

  it('include hooks, compat and the JSX runtime', () => {
    const names = others.map((file) => file.slice(PREACT_ROOT.length));
    expect(names).toEqual(
      expect.arrayContaining([
        '/hooks/dist/hooks.mjs',
        '/compat/dist/compat.mjs',
        '/jsx-runtime/dist/jsxRuntime.mjs',
      ]),
    );
  });

  it('never mention innerHTML, so the plugin passes them through unchanged', () => {
    for (const file of others) expect(transform(readFileSync(file, 'utf8'), file), file).toBeUndefined();
  });
});

describe('the build fails loudly', () => {
  const id = '/project/node_modules/preact/dist/preact.mjs';

  it('when the core file lacks the expected assignment', () => {
    const changed = original.replace(/(\.innerHTML\s*=\s*)([\w$]+\.__html)/, '$1String($2)');
    expect(changed).not.toBe(original);
    expect(() => transform(changed, id)).toThrow(
      /no-inner-html: .*preact\.mjs: expected one .*found 0 and 1/,
    );
  });

  it('when the core file lacks the expected comparison', () => {
    const changed = original.replace(/([\w$]+\.__html)\s*==\s*([\w$]+\.innerHTML)/, '$2==$1');
    expect(changed).not.toBe(original);
    expect(() => transform(changed, id)).toThrow(/found 1 and 0/);
  });

  it('when the core file has no such code at all', () => {
    expect(() => transform('export const render = () => {};', id)).toThrow(/found 0 and 0/);
  });

  it('when innerHTML is left after the rewrite', () => {
    expect(() => transform(`${original};document.body.innerHTML;`, id)).toThrow(/still mentioned/);
  });

  it('when another Preact file mentions innerHTML', () => {
    const hooks = '/project/node_modules/preact/hooks/dist/hooks.mjs?v=1';
    expect(() => transform('export const x = (el) => el.innerHTML;', hooks)).toThrow(
      /hooks\.mjs: a Preact file other than the core one/,
    );
  });

  it('when an emitted chunk mentions innerHTML', () => {
    expect(() =>
      generateBundle({ 'content.js': 'el.textContent = s;', 'chunks/x.js': 'el.innerHTML = s;' }),
    ).toThrow(/chunks\/x\.js mentions innerHTML/);
    expect(() => generateBundle({ 'content.js': 'el.textContent = s;' })).not.toThrow();
  });
});

describe('files that are not Preact', () => {
  it('are left alone by the transform (the bundle check covers them)', () => {
    expect(transform('el.innerHTML = s;', '/project/src/ui/card-host.tsx')).toBeUndefined();
    expect(
      transform('el.innerHTML = s;', '/project/node_modules/preact-like/dist/preact.mjs'),
    ).toBeUndefined();
  });
});
