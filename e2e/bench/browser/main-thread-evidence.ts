// Where a page's time goes, for a target the benchmark misses: a V8 CPU profile (which scripts) and then a Chrome
// trace (what the renderer's threads did: script, style, layout, paint, GC), both saved and summarized.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { median, percentile } from './browser-metrics.ts';

export interface MainThreadEvidence {
  traceFile: string;
  cpuProfileFile: string;
  /** Length of the CPU profile and of the trace (recorded one after the other, so neither slows the other). */
  durationMs: number;
  /** The renderer main thread, from the trace: time per second by kind of work (DevTools' categories), and frames. */
  mainThreadMsPerSecond: {
    scripting: number;
    styleAndLayout: number;
    paintAndCommit: number;
    gc: number;
    other: number;
    idle: number;
  };
  /** Main-thread tasks that ran a frame's rendering (style, layout, paint): per second, and their median length. */
  renderingFrames: { perSecond: number; medianTaskMs: number; p95TaskMs: number };
  /** Share of the traced time each busy renderer thread spent in tasks, by thread name (percent of one core). */
  rendererThreadsBusyPercent: Record<string, number>;
  /** The renderer main thread's self time by trace event name, largest first (ms per second). */
  mainThreadSelfMsPerSecond: [name: string, ms: number][];
  /** From the CPU profile: main-thread time by script file (recharts and its dependencies are the `charts` chunk);
   * `(program)` is the browser's own work (style, layout, paint, event dispatch), percent of the profile. */
  cpuByScriptPercent: [script: string, percent: number][];
  /** The hottest functions (minified names; file:line:column), percent of the profile. */
  cpuTopFunctions: [fn: string, percent: number][];
}

// The categories DevTools' Performance panel records, without screenshots, stacks and the CPU profiler.
const CATEGORIES = [
  '-*',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
];

/** A regular expression matching names that start with any of `prefixes`. */
const startsWith = (prefixes: readonly string[]): RegExp => new RegExp(`^(${prefixes.join('|')})`);
// Trace event names by kind of work, as DevTools' Performance panel groups them.
const SCRIPTING = startsWith([
  'FunctionCall',
  'EvaluateScript',
  'v8\\.',
  'V8\\.(?!GC)',
  'RunMicrotasks',
  'EventDispatch',
  'TimerFire',
  'FireAnimationFrame',
  'UserTiming',
  'XHR',
  'ParseHTML',
  'Compile',
  'OptimizeCode',
  'CacheScript',
  'RequestAnimationFrame',
  'ResourceReceivedData',
  'ResourceFinish',
]);
const STYLE_LAYOUT = startsWith([
  'UpdateLayoutTree',
  'Layout',
  'RecalculateStyles',
  'ScheduleStyleRecalculation',
  'InvalidateLayout',
  'HitTest',
  'IntersectionObserverController',
  'ComputeIntersections',
  'UpdateLayerTree',
  'ParseAuthorStyleSheet',
]);
const PAINT = startsWith([
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'UpdateLayer',
  'RasterTask',
  'Decode',
  'Draw',
  'CompositeLayers',
  'ImageDecode',
]);
const GC = /(GC|Garbage|Major|Minor|concurrent marking|Sweep)/;

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

const round = (n: number): number => Math.round(n * 10) / 10;

export async function captureMainThreadEvidence(
  browser: Browser,
  page: Page,
  cdp: CDPSession,
  { durationMs, dir, name }: { durationMs: number; dir: string; name: string },
): Promise<MainThreadEvidence> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(durationMs);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.send('Profiler.disable');
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.waitForTimeout(durationMs);
  const trace = await browser.stopTracing();
  const traceFile = path.join(dir, `${name}.trace.json`);
  const cpuProfileFile = path.join(dir, `${name}.cpuprofile`);
  writeFileSync(traceFile, trace);
  writeFileSync(cpuProfileFile, JSON.stringify(profile));
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  return {
    traceFile,
    cpuProfileFile,
    durationMs,
    ...summarizeTrace(events),
    ...summarizeCpuProfile(profile),
  };
}

/** The page's renderer: its threads' busy time, and its main thread's time by kind of work and by event. */
export function summarizeTrace(
  events: readonly TraceEvent[],
): Omit<MainThreadEvidence, 'traceFile' | 'cpuProfileFile' | 'durationMs' | 'cpuByScriptPercent' | 'cpuTopFunctions'> {
  const threadNames = new Map<string, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  for (const list of byThread.values()) list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

  // The page's main thread is the busiest CrRendererMain; its process is the page's renderer.
  let main: string | undefined;
  let mainBusy = -1;
  const busy = new Map<string, number>();
  for (const [key, list] of byThread) {
    const total = topLevelTime(list);
    busy.set(key, total);
    if (threadNames.get(key) === 'CrRendererMain' && total > mainBusy) {
      main = key;
      mainBusy = total;
    }
  }
  const mainEvents = main ? (byThread.get(main) ?? []) : [];
  const first = mainEvents[0];
  const spanUs = Math.max(1, mainEvents.reduce((end, e) => Math.max(end, e.ts + (e.dur ?? 0)), 0) - (first?.ts ?? 0));
  const perSecond = (us: number): number => round((us / spanUs) * 1000);

  const rendererPid = main?.split(':')[0];
  const rendererThreadsBusyPercent: Record<string, number> = {};
  for (const [key, total] of busy) {
    if (key.split(':')[0] !== rendererPid) continue;
    const threadName = threadNames.get(key) ?? key;
    const percent = (total / spanUs) * 100;
    rendererThreadsBusyPercent[threadName] = round((rendererThreadsBusyPercent[threadName] ?? 0) + percent);
  }
  for (const [name, percent] of Object.entries(rendererThreadsBusyPercent)) {
    if (percent < 1) delete rendererThreadsBusyPercent[name];
  }

  const self = selfTimes(mainEvents);
  const kinds = { scripting: 0, styleAndLayout: 0, paintAndCommit: 0, gc: 0, other: 0, idle: 0 };
  for (const [name, us] of self) {
    if (GC.test(name)) kinds.gc += us;
    else if (SCRIPTING.test(name)) kinds.scripting += us;
    else if (STYLE_LAYOUT.test(name)) kinds.styleAndLayout += us;
    else if (PAINT.test(name)) kinds.paintAndCommit += us;
    else kinds.other += us;
  }
  kinds.idle = Math.max(0, spanUs - mainBusy);
  const mainThreadMsPerSecond = {
    scripting: perSecond(kinds.scripting),
    styleAndLayout: perSecond(kinds.styleAndLayout),
    paintAndCommit: perSecond(kinds.paintAndCommit),
    gc: perSecond(kinds.gc),
    other: perSecond(kinds.other),
    idle: perSecond(kinds.idle),
  };
  const mainThreadSelfMsPerSecond = [...self]
    .map(([n, us]): [string, number] => [n, perSecond(us)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15);

  // A frame's rendering runs in one task: its length is what a user waits for between two frames.
  const frameTasks = topLevelTasks(mainEvents)
    .filter(({ names }) => names.has('Paint') || names.has('UpdateLayoutTree'))
    .map(({ dur }) => dur / 1000);
  const renderingFrames = {
    perSecond: round((frameTasks.length / spanUs) * 1e6),
    medianTaskMs: round(median(frameTasks)),
    p95TaskMs: round(percentile(frameTasks, 95)),
  };
  return { mainThreadMsPerSecond, renderingFrames, rendererThreadsBusyPercent, mainThreadSelfMsPerSecond };
}

/** Each event not nested in another, with the names of everything nested in it; `list` sorted by start. */
function topLevelTasks(list: readonly TraceEvent[]): { dur: number; names: Set<string> }[] {
  const tasks: { dur: number; names: Set<string> }[] = [];
  let end = -Infinity;
  for (const e of list) {
    if (e.ts >= end) {
      tasks.push({ dur: e.dur ?? 0, names: new Set([e.name]) });
      end = e.ts + (e.dur ?? 0);
    } else tasks.at(-1)?.names.add(e.name);
  }
  return tasks;
}

/** Time covered by events not nested in another (µs); `list` sorted by start. */
function topLevelTime(list: readonly TraceEvent[]): number {
  let total = 0;
  let end = -Infinity;
  for (const e of list) {
    const eEnd = e.ts + (e.dur ?? 0);
    if (e.ts >= end) {
      total += e.dur ?? 0;
      end = eEnd;
    } else if (eEnd > end) {
      total += eEnd - end;
      end = eEnd;
    }
  }
  return total;
}

/** Each event's duration minus its children's, summed by name (µs); `list` sorted by start, longer first. */
function selfTimes(list: readonly TraceEvent[]): Map<string, number> {
  const self = new Map<string, number>();
  const stack: { name: string; end: number; childTime: number; dur: number }[] = [];
  const close = (until: number): void => {
    while (stack.length && (stack.at(-1) as { end: number }).end <= until) {
      const done = stack.pop()!;
      self.set(done.name, (self.get(done.name) ?? 0) + Math.max(0, done.dur - done.childTime));
    }
  };
  for (const e of list) {
    close(e.ts);
    const dur = e.dur ?? 0;
    const parent = stack.at(-1);
    if (parent) parent.childTime += dur;
    stack.push({ name: e.name, end: e.ts + dur, childTime: 0, dur });
  }
  close(Infinity);
  return self;
}

/** Self time by script file and by function, as percent of the profile's time (idle included). */
export function summarizeCpuProfile(
  profile: CpuProfile,
): Pick<MainThreadEvidence, 'cpuByScriptPercent' | 'cpuTopFunctions'> {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!frame) return;
    total += dt;
    const file = frame.url.split('?')[0]?.split('/').pop();
    const script = frame.url ? (file ?? frame.url) : frame.functionName || '(native)';
    byScript.set(script, (byScript.get(script) ?? 0) + dt);
    const fn = frame.url
      ? `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
      : frame.functionName || '(native)';
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number): [string, number][] =>
    [...m]
      .map(([k, v]): [string, number] => [k, total ? round((v / total) * 100) : 0])
      .sort((a, b) => b[1] - a[1])
      .slice(0, n);
  return { cpuByScriptPercent: top(byScript, 8), cpuTopFunctions: top(byFunction, 15) };
}
