/**
 * A CDP session on one page that reads Nuchter's content-script world (the extension's isolated world, where
 * `globalThis.__nuchterStats` lives and the page can never look) and measures the renderer's heap. The same logic
 * as tests/e2e/harness.ts's `evaluateInContentScript`, but one session kept open for many reads.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { ScanStats } from '../content/controller';

/** The content script's isolated world is named after the extension. */
const EXTENSION_NAME = 'Nuchter';

export class PageProbe {
  private readonly worlds = new Map<number, { name: string; type: unknown; frameId: unknown }>();

  private constructor(private readonly session: CDPSession) {}

  static async attach(page: Page): Promise<PageProbe> {
    const session = await page.context().newCDPSession(page);
    const probe = new PageProbe(session);
    session.on('Runtime.executionContextCreated', ({ context }) => {
      const auxData = (context.auxData ?? {}) as { type?: unknown; frameId?: unknown };
      probe.worlds.set(context.id, { name: context.name, type: auxData.type, frameId: auxData.frameId });
    });
    session.on('Runtime.executionContextDestroyed', ({ executionContextId }) =>
      probe.worlds.delete(executionContextId),
    );
    session.on('Runtime.executionContextsCleared', () => probe.worlds.clear());
    // Enabling the domain reports every existing context first; later ones arrive as they are created.
    await session.send('Runtime.enable');
    return probe;
  }

  /** Evaluates `expression` in the content script's world of the main frame; waits up to `timeoutMs` for it. */
  async evaluateInContentScript<T>(expression: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { frameTree } = await this.session.send('Page.getFrameTree');
      const contextId = [...this.worlds].find(
        ([, world]) =>
          world.type === 'isolated' && world.name === EXTENSION_NAME && world.frameId === frameTree.frame.id,
      )?.[0];
      if (contextId !== undefined) {
        const { result, exceptionDetails } = await this.session.send('Runtime.evaluate', {
          expression,
          contextId,
          returnByValue: true,
        });
        if (exceptionDetails) throw new Error(`content-script evaluation failed: ${exceptionDetails.text}`);
        return result.value as T;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `no "${EXTENSION_NAME}" content-script world in this page: is .output/chrome-mv3 built, and was it ` +
            'left alone during the run (a rebuild while Chromium starts leaves it without the extension)?',
        );
      }
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  /** Nuchter's scan counters; undefined until the content script has started. */
  stats(): Promise<ScanStats | undefined> {
    return this.evaluateInContentScript<ScanStats | undefined>(
      'globalThis.__nuchterStats && { ...globalThis.__nuchterStats }',
    );
  }

  /** Polls the scan counters until `done(stats)` holds; throws after `timeoutMs`. */
  async waitForStats(done: (stats: ScanStats) => boolean, timeoutMs = 20_000): Promise<ScanStats> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = await this.stats();
      if (stats && done(stats)) return stats;
      if (Date.now() > deadline) throw new Error(`Nuchter did not catch up: ${JSON.stringify(stats)}`);
      await new Promise((done) => setTimeout(done, 10));
    }
  }

  /**
   * The heap in use after a full garbage collection, in bytes: V8's JS heap (the page's and the content script's
   * worlds share it) and Blink's own garbage-collected heap (DOM nodes, Ranges).
   */
  async heapAfterGc(): Promise<{ js: number; dom: number }> {
    await this.session.send('HeapProfiler.collectGarbage');
    const { usedSize, embedderHeapUsedSize } = await this.session.send('Runtime.getHeapUsage');
    return { js: usedSize, dom: embedderHeapUsedSize };
  }

  /**
   * The JS heap by kind, from a heap snapshot (taken after a full garbage collection): `code` is what V8 compiled
   * (bytecode, optimised code and their metadata: the snapshot's "code" nodes), `data` everything else JavaScript
   * holds — objects, arrays, strings, closures — and `native` Blink's objects the snapshot shows beside them.
   */
  async heapSnapshotSizes(): Promise<HeapKinds> {
    await this.session.send('HeapProfiler.enable');
    await this.session.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
    this.session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    try {
      await this.session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      this.session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    }
    return sizesByKind(JSON.parse(chunks.join('')) as HeapSnapshot);
  }

  detach(): Promise<void> {
    return this.session.detach().catch(() => undefined);
  }
}

export interface HeapKinds {
  data: number;
  code: number;
  native: number;
}

/** The parts of the V8 heap snapshot format read here (see Chrome DevTools' HeapSnapshot). */
interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/** Sums the snapshot's node sizes by kind; synthetic nodes (roots, groups) have no size of their own. */
function sizesByKind(snapshot: HeapSnapshot): HeapKinds {
  const fields = snapshot.snapshot.meta.node_fields;
  const typeNames = snapshot.snapshot.meta.node_types[0];
  const typeField = fields.indexOf('type');
  const sizeField = fields.indexOf('self_size');
  const sizes: HeapKinds = { data: 0, code: 0, native: 0 };
  for (let at = 0; at < snapshot.nodes.length; at += fields.length) {
    const type = typeNames[snapshot.nodes[at + typeField]!];
    const size = snapshot.nodes[at + sizeField]!;
    if (type === 'code') sizes.code += size;
    else if (type === 'native') sizes.native += size;
    else if (type !== 'synthetic') sizes.data += size;
  }
  return sizes;
}
