/**
 * What a test needs to run the content script (startNuchter) in happy-dom: stand-ins for the CSS Custom Highlight
 * API, the project's real rules, and content-script contexts that are stopped after each test.
 * Import it only from files that run in the happy-dom environment.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compileRules } from '../../src/knowledge/compile';
import { loadRules } from '../../src/knowledge/load';
import type { CompiledRules } from '../../src/match/compiled';

/**
 * happy-dom has no CSS Custom Highlight API. Minimal stand-ins, installed only where it is missing, so tests can
 * tell "registered nothing" from "could not register": `Highlight` as a Set of ranges with a priority, and
 * `CSS.highlights` as one shared Map (the real HighlightRegistry is maplike). happy-dom's `CSS` getter returns a new
 * object on every access, so the registry goes on its prototype. Returns the names of what it stubbed.
 */
export function installHighlightStubs(): string[] {
  const stubbed: string[] = [];
  if (typeof globalThis.Highlight !== 'function') {
    class HighlightStub extends Set<AbstractRange> {
      priority = 0;
      type = 'highlight';
    }
    (globalThis as { Highlight?: unknown }).Highlight = HighlightStub;
    stubbed.push('Highlight');
  }
  if (!('highlights' in CSS)) {
    Object.defineProperty(Object.getPrototypeOf(CSS), 'highlights', {
      value: new Map<string, Highlight>(),
      configurable: true,
    });
    stubbed.push('CSS.highlights');
  }
  return stubbed;
}

/**
 * The project's rules directory: src/cli/engine.ts's RULES_DIR, computed the same way. That module cannot be
 * imported under happy-dom: Vite's browser transform rewrites its `new URL('../../rules', import.meta.url)` as an
 * asset URL (http://localhost:3000/rules), and `fileURLToPath` throws "The URL must be of scheme file" at load.
 * Reading `import.meta.url` into a variable first keeps the file URL.
 */
const thisFileUrl = import.meta.url;
const RULES_DIR = fileURLToPath(new URL('../../rules', thisFileUrl));

/** The real rules, compiled (slow: load them once per file, in `beforeAll`). */
export function loadProjectData(): { rules: CompiledRules } {
  return { rules: compileRules(loadRules(RULES_DIR)) };
}

/** The contexts started by a test, stopped by {@link stopContexts}. */
const contexts: ContentScriptContext[] = [];

export function newContext(): ContentScriptContext {
  const ctx = new ContentScriptContext('content');
  contexts.push(ctx);
  return ctx;
}

/**
 * Stops every Nuchter a test started. It stops for good only when the extension is gone: its runtime id disappears
 * and the context ends. (The id is put back by hand: `fakeBrowser.reset()` does not restore it.) Restores mocks.
 */
export function stopContexts(): void {
  const runtime = fakeBrowser.runtime as { id?: string };
  const id = runtime.id;
  runtime.id = undefined;
  vi.spyOn(console, 'debug').mockImplementation(() => undefined); // WXT logs each invalidation
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  for (const ctx of contexts.splice(0)) ctx.notifyInvalidated();
  runtime.id = id;
  vi.restoreAllMocks();
}

/**
 * The set-up of a content-script test file: the real rules loaded once, a fresh fake browser, highlight registry and
 * empty page before each test, and every Nuchter started by a test stopped after it. Returns the rules.
 */
export function setUpContentTests(): () => CompiledRules {
  let rules: CompiledRules | undefined;
  beforeAll(() => {
    ({ rules } = loadProjectData());
  }, 60_000);
  beforeEach(() => {
    fakeBrowser.reset();
    CSS.highlights.clear();
    document.body.innerHTML = '';
    delete (globalThis as { __nuchterStats?: unknown }).__nuchterStats;
  });
  afterEach(stopContexts);
  return () => rules!;
}
