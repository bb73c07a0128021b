// The browser soak: the dashboard open for a long session (30 minutes by default) at the browser bench's busy market,
// the selected symbol switched once a minute by clicking the next watchlist row, as a user would; each minute the
// JS heap after a forced GC and the DOM are sampled, to show whether a tab left open all day grows.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { ensureClientBuild } from './client-build.ts';
import { cpuUsage, sampleCpu, type CpuUsage } from './cpu-usage.ts';
import { startHeavyServer } from './heavy-server.ts';
import {
  growthByConstructor,
  growthWithoutCodePercent,
  heapSplit,
  totalsByConstructor,
  type ConstructorGrowth,
  type ConstructorTotals,
  type HeapSnapshot,
  type HeapSplit,
} from './heap-snapshot-diff.ts';
import { growthAfterFirstMinute, MAX_GROWTH_PERCENT, type Growth } from './soak-growth.ts';
import { benchEnvironment, VIEWPORT } from './bench-environment.ts';

export interface BrowserSoakOptions {
  minutes: number;
  symbols?: number;
  ratePerSecond?: number;
  /** Forced GCs per sample; the smallest reading is kept (see heapAfterGc). */
  gcReadings?: number;
  /** Only to prove the check can fail: the page keeps every message it receives in a global array. */
  leak?: boolean;
  /**
   * To find what grows: a heap snapshot after the minute-1 sample and after the last, saved to this folder (for
   * DevTools), and the growth between them by constructor in the result. Each costs the page a second or two.
   */
  snapshotsDir?: string;
  log: (line: string) => void;
}

export interface BrowserSoakSample {
  /** Minutes since the dashboard went live. */
  minute: number;
  /** The symbol selected while this minute ran (the next one is clicked right after the sample). */
  symbol: string;
  /** Smallest used JS heap of `gcReadings` readings, each right after a forced GC (MB), and every reading. */
  heapAfterGcMB: number;
  heapReadingsMB: number[];
  /** Elements in the document. */
  documentElements: number;
  /** Chromium's counters after the GC: DOM nodes alive (detached ones too), documents, JS event listeners. */
  domNodes: number;
  documents: number;
  jsEventListeners: number;
  /** Market updates the server had sent when sampled. */
  updatesSent: number;
}

export interface BrowserSoakResult {
  minutes: number;
  samples: BrowserSoakSample[];
  heap: Growth | undefined;
  documentElements: Growth | undefined;
  domNodes: Growth | undefined;
  jsEventListeners: Growth | undefined;
  /** Heap and document elements each grew by less than MAX_GROWTH_PERCENT after the first minute. */
  passed: boolean;
  maxGrowthPercent: number;
  symbolsVisited: string[];
  leakInjected: boolean;
  /** With snapshotsDir: what grew most from minute 1 to the end, by constructor (self size, bytes). */
  heapGrowthByConstructor?: ConstructorGrowth[];
  /**
   * With snapshotsDir: the snapshots' self size at minute 1 and at the end, split into V8's compiled code and the
   * rest, and the rest's growth (percent): what the page's own objects did, apart from the JIT.
   */
  heapWithoutCode?: { minute1: HeapSplit; end: HeapSplit; growthPercent: number };
  /**
   * With snapshotsDir, in a run of an hour or more: the same from minute 30 to the end, where the JIT's warm-up is
   * over; what still grows then is what a tab left open all day would keep adding.
   */
  tail?: {
    fromMinute: number;
    heapGrowthByConstructor: ConstructorGrowth[];
    heapWithoutCode: { from: HeapSplit; end: HeapSplit; growthPercent: number };
  };
  load: { symbols: number; ratePerSecond: number };
  cpu: CpuUsage | undefined;
  environment: { chromium: string; cpus: number; node: string; viewport: string; headless: true };
  buildMs: number;
  runMs: number;
}

const MINUTE_MS = 60_000;
/** In a run of twice this or longer, a heap snapshot here too: growth after the JIT's warm-up, apart from it. */
const TAIL_FROM_MINUTE = 30;
const CLICK_FAILURE_SCREENSHOT = fileURLToPath(
  new URL('../../.artifacts/browser-soak-click-failure.png', import.meta.url),
);
const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 100) / 100;

// Keeps every update the page receives, decoded: the leak a bad client could have (a log, a cache never trimmed).
// Decoded, because Chromium may keep a received message's text outside the JS heap, where a kept string would not
// show in the used heap at all.
const LEAK_SCRIPT = `(() => {
  const kept = (window.__soakLeak = []);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const text = typeof event.data === 'string' ? event.data : '';
        const json = text.indexOf('[');
        if (json >= 0) kept.push(JSON.parse(text.slice(json)));
      });
    }
  };
})();`;

export async function runBrowserSoak(o: BrowserSoakOptions): Promise<BrowserSoakResult> {
  const symbols = o.symbols ?? 50;
  const ratePerSecond = o.ratePerSecond ?? 20;
  const buildMs = await ensureClientBuild();
  if (buildMs > 0) o.log(`built the client in ${(buildMs / 1000).toFixed(1)} s`);
  const started = Date.now();
  const server = await startHeavyServer({ symbols, ratePerSecond });
  const browser = await launchChromium().catch(async (err: unknown) => {
    await server.stop();
    throw err;
  });
  try {
    o.log(`server ${server.url}: ${symbols} symbols x ${ratePerSecond} updates/s; ${o.minutes} minutes`);
    const context = await browser.newContext({ viewport: VIEWPORT });
    if (o.leak) await context.addInitScript({ content: LEAK_SCRIPT });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(server.url);
    await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor({ timeout: 30_000 });
    const live = Date.now();
    const cpuBefore = sampleCpu();
    const samples: BrowserSoakSample[] = [];
    const visited: string[] = [];
    let snapshotAtMinute1: Map<string, ConstructorTotals> | undefined;
    let snapshotAtTail: Map<string, ConstructorTotals> | undefined;
    let heapGrowthByConstructor: ConstructorGrowth[] | undefined;
    let heapWithoutCode: BrowserSoakResult['heapWithoutCode'];
    let tail: BrowserSoakResult['tail'];
    const tailFrom = o.minutes >= 2 * TAIL_FROM_MINUTE ? TAIL_FROM_MINUTE : undefined;
    for (let minute = 0; minute <= o.minutes; minute++) {
      // Minute 0 is sampled a few seconds after going live; the rest on the minute, whatever sampling took.
      await page.waitForTimeout(Math.max(0, live + Math.max(5000, minute * MINUTE_MS) - Date.now()));
      const symbol = (await page.getByTestId('selected-symbol').textContent())?.trim() ?? '';
      visited.push(symbol);
      const { updatesSent } = await server.totals();
      const sample = { minute, symbol, updatesSent, ...(await sampleMemory(page, cdp, o.gcReadings ?? 3)) };
      samples.push(sample);
      o.log(
        `minute ${minute} (${symbol}): heap after GC ${sample.heapAfterGcMB} MB ` +
          `[${sample.heapReadingsMB.join(', ')}], ${sample.documentElements} elements, ${sample.domNodes} DOM nodes, ` +
          `${sample.jsEventListeners} listeners`,
      );
      if (o.snapshotsDir && (minute === 1 || minute === tailFrom || (minute === o.minutes && snapshotAtMinute1))) {
        const totals = totalsByConstructor(await takeHeapSnapshot(cdp, path.join(o.snapshotsDir, `minute-${minute}`)));
        if (minute === 1) snapshotAtMinute1 = totals;
        else if (minute === tailFrom) snapshotAtTail = totals;
        else {
          heapGrowthByConstructor = growthByConstructor(snapshotAtMinute1!, totals);
          const [minute1, end] = [heapSplit(snapshotAtMinute1!), heapSplit(totals)];
          heapWithoutCode = { minute1, end, growthPercent: growthWithoutCodePercent(minute1, end) };
          if (snapshotAtTail && tailFrom !== undefined) {
            const from = heapSplit(snapshotAtTail);
            tail = {
              fromMinute: tailFrom,
              heapGrowthByConstructor: growthByConstructor(snapshotAtTail, totals),
              heapWithoutCode: { from, end, growthPercent: growthWithoutCodePercent(from, end) },
            };
          }
        }
      }
      if (minute < o.minutes) await selectNextSymbol(page, symbol, CLICK_FAILURE_SCREENSHOT);
    }
    const cpu = cpuUsage(cpuBefore, sampleCpu(), server.pid);
    const series = (pick: (s: BrowserSoakSample) => number) =>
      growthAfterFirstMinute(samples.map((s): [number, number] => [s.minute, pick(s)]));
    const heap = series((s) => s.heapAfterGcMB);
    const documentElements = series((s) => s.documentElements);
    return {
      minutes: o.minutes,
      samples,
      heap,
      documentElements,
      domNodes: series((s) => s.domNodes),
      jsEventListeners: series((s) => s.jsEventListeners),
      passed: !!heap?.passed && !!documentElements?.passed,
      maxGrowthPercent: MAX_GROWTH_PERCENT,
      symbolsVisited: visited,
      leakInjected: !!o.leak,
      heapGrowthByConstructor,
      heapWithoutCode,
      tail,
      load: { symbols, ratePerSecond },
      cpu,
      environment: benchEnvironment(browser.version()),
      buildMs,
      runMs: Date.now() - started,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * Under this load what is live swings by a few MB from one GC to the next (a chart update replaces hundreds of SVG
 * nodes, and the replaced ones stay reachable until React's next commit): the smallest of a few readings is the
 * floor a leak would raise, where any single reading may land on the high level.
 */
async function sampleMemory(
  page: Page,
  cdp: CDPSession,
  readings: number,
): Promise<Omit<BrowserSoakSample, 'minute' | 'symbol' | 'updatesSent'>> {
  const heapReadings: number[] = [];
  for (let i = 0; i < readings; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    heapReadings.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
  }
  const counters = await cdp.send('Memory.getDOMCounters');
  const documentElements = await page.evaluate(() => document.querySelectorAll('*').length);
  return {
    heapAfterGcMB: mb(Math.min(...heapReadings)),
    heapReadingsMB: heapReadings.map(mb),
    documentElements,
    domNodes: counters.nodes,
    documents: counters.documents,
    jsEventListeners: counters.jsEventListeners,
  };
}

/** Takes a heap snapshot (V8 collects garbage first), saves it as `<file>.heapsnapshot` and returns it parsed. */
async function takeHeapSnapshot(cdp: CDPSession, file: string): Promise<HeapSnapshot> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }): void => void chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const text = chunks.join('');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.heapsnapshot`, text);
  return JSON.parse(text) as HeapSnapshot;
}

/**
 * Clicks the watchlist row after the selected one (wrapping) and waits until the header shows it. A click can miss
 * on a page this busy (once, 11 minutes into a run, the header never changed), so it is tried again, as a user
 * would; three misses in a row end the run with a screenshot.
 */
async function selectNextSymbol(page: Page, current: string, screenshotFile: string): Promise<void> {
  const rows = page.getByTestId('watchlist-row');
  const symbols = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-symbol') ?? ''));
  const next = symbols[(symbols.indexOf(current) + 1) % symbols.length];
  if (!next) throw new Error('the watchlist has no rows');
  const row = page.locator(`[data-testid="watchlist-row"][data-symbol="${next}"]`);
  const exactly = new RegExp(`^\\s*${next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const shown = page.getByTestId('selected-symbol').filter({ hasText: exactly });
  for (let attempt = 1; ; attempt++) {
    await row.click({ timeout: 10_000 });
    try {
      await shown.waitFor({ timeout: 5000 });
      return;
    } catch (err) {
      if (attempt === 3) {
        await page.screenshot({ path: screenshotFile }).catch(() => undefined);
        throw new Error(`clicking ${next} did not select it (screenshot ${screenshotFile})`, { cause: err });
      }
    }
  }
}
