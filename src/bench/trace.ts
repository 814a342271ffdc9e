/**
 * A CDP performance trace of one page load, and what Nuchter did on the page's main thread in it. The page's own
 * PerformanceObserver does not report the content script's long tasks (they run in the extension's isolated world),
 * so the trace is what tells them apart: a task is Nuchter's when JS of the extension runs in it — the content
 * script's evaluation, a callback of it, or a microtask checkpoint (the benchmark pages run no promises of their
 * own, so their microtasks are the content script's continuations, such as the scan after reading the settings).
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];
/** A task longer than this blocks input noticeably (the Long Tasks API's threshold). */
export const LONG_TASK_MS = 50;

export class Trace {
  private readonly events: TraceEvent[] = [];

  private constructor(private readonly session: CDPSession) {
    session.on('Tracing.dataCollected', ({ value }) =>
      this.events.push(...(value as unknown as TraceEvent[])),
    );
  }

  static async start(session: CDPSession): Promise<Trace> {
    const trace = new Trace(session);
    await session.send('Tracing.start', {
      traceConfig: { includedCategories: CATEGORIES },
      transferMode: 'ReportEvents',
    });
    return trace;
  }

  async stop(): Promise<TraceEvent[]> {
    const complete = new Promise((done) => this.session.once('Tracing.tracingComplete', done));
    await this.session.send('Tracing.end');
    await complete;
    return this.events;
  }
}

export interface NuchterTasks {
  /** Main-thread time of the content script's JS: its evaluation, callbacks and microtasks. */
  jsMs: number;
  /** The task that evaluates the content script (compiling and running the bundle, rules included). */
  injectionMs: number;
  /** Durations of the main-thread tasks in which the content script ran, longest first. */
  taskMs: number[];
}

/** Finds the page's main thread by the content script's evaluation and sums what ran there for Nuchter. */
export function nuchterTasks(events: TraceEvent[], extensionOrigin: string): NuchterTasks {
  const complete = events.filter((event) => event.ph === 'X' && event.dur !== undefined);
  const ofExtension = (event: TraceEvent) => event.args?.data?.url?.startsWith(extensionOrigin) ?? false;
  const injection = complete.find((event) => event.name === 'EvaluateScript' && ofExtension(event));
  if (!injection) throw new Error('the trace shows no content-script evaluation');
  const thread = complete
    .filter((event) => event.pid === injection.pid && event.tid === injection.tid)
    .sort((a, b) => a.ts - b.ts);

  // Top-level JS of the extension: evaluation, callbacks (timers, events, messages), microtask checkpoints.
  const js: TraceEvent[] = [];
  let coveredUntil = -Infinity;
  for (const event of thread) {
    if (event.ts < injection.ts || event.ts < coveredUntil) continue;
    const extensionJs =
      ((event.name === 'EvaluateScript' || event.name === 'FunctionCall') && ofExtension(event)) ||
      event.name === 'RunMicrotasks';
    if (!extensionJs) continue;
    js.push(event);
    coveredUntil = event.ts + event.dur!;
  }

  const tasks = thread.filter((event) => event.name === 'RunTask');
  const taskOf = (event: TraceEvent) =>
    tasks.find((task) => task.ts <= event.ts && event.ts + event.dur! <= task.ts + task.dur!);
  const nuchterTaskSet = new Set(js.map(taskOf).filter((task) => task !== undefined));
  return {
    jsMs: js.reduce((sum, event) => sum + event.dur!, 0) / 1000,
    injectionMs: (taskOf(injection)?.dur ?? injection.dur!) / 1000,
    taskMs: [...nuchterTaskSet].map((task) => task.dur! / 1000).sort((a, b) => b - a),
  };
}
