// The browser benchmark: the dashboard in headless Chromium under a heavy stream (50 symbols x 20 updates/s), its
// frame rate, long tasks, React work and heap, once as shipped (one render per frame) and once rendering on every
// message. Run alone with `node --import tsx e2e/bench/browser/run-browser-bench.ts`; `npm run bench` calls it too.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import {
  summarizeDurations,
  summarizeFps,
  summarizeHeap,
  summarizeLongTasks,
  type DurationSummary,
  type FpsSummary,
  type HeapSummary,
  type LongTaskSummary,
} from './browser-metrics.ts';
import { ensureClientBuild } from './client-build.ts';
import { awaitQuietMachine, CONTENDED_PERCENT, cpuUsage, sampleCpu, type CpuUsage } from './cpu-usage.ts';
import { startHeavyServer, type HeavyServer } from './heavy-server.ts';
import { captureMainThreadEvidence, type MainThreadEvidence } from './main-thread-evidence.ts';
import { PROBE_SCRIPT, type ProbeReadout } from './page-probe.ts';
import { benchEnvironment, VIEWPORT } from './bench-environment.ts';
import { openDashboard, type OnScreen } from './workspace-page.ts';

/** `frame`: the store notifies React once per animation frame (the default); `eager`: on every message. */
export type RenderMode = 'frame' | 'eager';

export interface BrowserBenchOptions {
  symbols?: number;
  ratePerSecond?: number;
  warmupMs?: number;
  measureMs?: number;
  /** How long the blank page's frame rate is counted. */
  baselineMs?: number;
  modes?: RenderMode[];
  /**
   * After a mode's window, on a fresh page in that mode: record a CPU profile, then a Chrome trace, then measure it
   * without the price chart. For the frame mode when it misses a target (default), for every mode, or never.
   */
  evidence?: 'on-miss' | 'always' | 'never';
  /** Length of the profile and of the trace (1.5 s); the measurement without the chart takes at least 3 s. */
  evidenceMs?: number;
  /** Where traces and profiles are written. */
  artifactsDir?: string;
  /** How long to wait, before each measurement, for other processes to leave the CPU (default 30 s). */
  quietWaitMs?: number;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
}

export interface ModeResult {
  mode: RenderMode;
  /** What the page showed besides the ladder, tape and candles. */
  onScreen: OnScreen;
  fps: FpsSummary;
  /** Long tasks during the measured window (after load and warm-up). */
  longTasks: LongTaskSummary;
  /** Long tasks from navigation to the end of warm-up. */
  startupLongTasks: LongTaskSummary;
  /** Each store notification, from its start to the end of the React render, commit and effects it caused. */
  notifications: DurationSummary;
  /** React commits, whatever caused them (store, timers, layout measurements). */
  reactCommits: { count: number; perSecond: number };
  heap: HeapSummary;
  /** Market updates the server sent per second during the window (one client, so what the page received). */
  updatesPerSecond: number;
  /** The dashboard's own updates/s figure at the end of the window. */
  shownUpdateRate: number | null;
  resyncs: number;
  /** Who kept the machine busy during the window (Linux only). */
  cpu: CpuUsage | undefined;
  /** Other processes used more than 10 % of a core during the window: the figures understate the page. */
  contended: boolean;
  droppedProbeEntries: number;
  /**
   * No heap target: what is live under this load swings by about 4.5 MB on a ~10 MB heap from one GC to the next (a
   * chart update replaces hundreds of SVG nodes, and the replaced ones stay reachable for a while), so 30 s cannot
   * tell a leak from that swing. The heap figures stay as context; `npm run bench -- --browser-soak` judges growth.
   */
  targets: { medianFps55: boolean; noLongTaskOver50ms: boolean };
  evidence?: DashboardEvidence;
}

/** Why a mode missed a target: where its time went, and the same page with the price chart taken out. */
export interface DashboardEvidence extends MainThreadEvidence {
  /**
   * The same mode, measured for a few seconds with the price chart's plot hidden (display: none, so the chart has
   * no size and is not rendered at all): what the rest of the dashboard costs.
   */
  withoutPriceChart: {
    fps: FpsSummary;
    longTasks: LongTaskSummary;
    notifications: DurationSummary;
    reactCommits: { count: number; perSecond: number };
  };
}

export interface BrowserBenchResult {
  /** Median fps of the default (frame) mode. */
  browserFps: number;
  /** Long tasks (over 50 ms) in the default mode's measured window. */
  browserLongTasks: number;
  targetsMet: boolean;
  baseline: { fps: FpsSummary; longTasks: LongTaskSummary };
  modes: Partial<Record<RenderMode, ModeResult>>;
  load: { symbols: number; ratePerSecond: number; warmupMs: number; measureMs: number };
  environment: { chromium: string; cpus: number; node: string; viewport: string; headless: true };
  /** Time spent building the client first (0 when client/dist was fresh), and the benchmark's own time after it. */
  buildMs: number;
  runMs: number;
}

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

declare global {
  interface Window {
    __benchProbe: { reset(): void; read(): ProbeReadout };
  }
}

export async function runBrowserBench(options: BrowserBenchOptions = {}): Promise<BrowserBenchResult> {
  const symbols = options.symbols ?? 50;
  const ratePerSecond = options.ratePerSecond ?? 20;
  const warmupMs = options.warmupMs ?? 2000;
  const measureMs = options.measureMs ?? 30_000;
  const modes = options.modes ?? ['frame', 'eager'];
  const t0 = Date.now();
  const log =
    options.log ??
    ((line: string) => process.stderr.write(`[browser-bench ${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}\n`));
  const artifactsDir = options.artifactsDir ?? path.join(REPO_ROOT, 'e2e/.artifacts/bench');

  log('checking the client build');
  const buildMs = await ensureClientBuild();
  if (buildMs > 0) log(`built the client in ${(buildMs / 1000).toFixed(1)} s`);
  const started = Date.now();
  let server: HeavyServer | undefined;
  let browser: Browser | undefined;
  try {
    const heavy = await startHeavyServer({ symbols, ratePerSecond });
    server = heavy;
    log(`server ${heavy.url} (pid ${heavy.pid}): ${symbols} symbols x ${ratePerSecond} updates/s`);
    browser = await launchChromium();
    const chromium = browser.version();

    const quietWaitMs = options.quietWaitMs ?? 30_000;
    const quiet = async (what: string): Promise<void> => {
      const { othersPercent, waitedMs } = await awaitQuietMachine(heavy.pid, quietWaitMs);
      if (othersPercent !== undefined && othersPercent >= CONTENDED_PERCENT) {
        log(`warning: other processes use ${othersPercent}% of a core; measuring ${what} on a shared machine`);
      } else if (waitedMs > 1500) log(`waited ${(waitedMs / 1000).toFixed(0)} s for other processes to finish`);
    };

    await quiet('the blank page');
    const baseline = await measureBlankPage(browser, options.baselineMs ?? 2000);
    log(`blank page: median ${baseline.fps.median} fps, p5 ${baseline.fps.p5}`);

    const results: Partial<Record<RenderMode, ModeResult>> = {};
    for (const mode of modes) {
      await quiet(`the ${mode} mode`);
      const result = await measureDashboard(browser, heavy, mode, { warmupMs, measureMs, log });
      log(
        `${mode}: median ${result.fps.median} fps (p5 ${result.fps.p5}), ${result.longTasks.count} long tasks ` +
          `(max ${result.longTasks.maxMs} ms, TBT ${result.longTasks.totalBlockingTimeMs} ms), heap ` +
          `${result.heap.startMB} -> ${result.heap.endMB} MB, ${result.updatesPerSecond} updates/s` +
          (result.contended ? ` (shared machine: others used ${result.cpu?.othersPercent}% of a core)` : ''),
      );
      const evidence = options.evidence ?? 'on-miss';
      const missed = !Object.values(result.targets).every(Boolean);
      if (evidence === 'always' || (evidence === 'on-miss' && missed && mode === 'frame')) {
        log(`${mode}: recording a CPU profile and a trace, then measuring without the price chart`);
        result.evidence = await captureDashboardEvidence(browser, heavy, mode, {
          durationMs: options.evidenceMs ?? 1500,
          dir: artifactsDir,
        });
      }
      if (result.evidence) {
        const bare = result.evidence.withoutPriceChart;
        log(
          `${mode} without the price chart: median ${bare.fps.median} fps, ${bare.longTasks.count} long tasks, ` +
            `notification median ${bare.notifications.medianMs} ms (with it: ${result.notifications.medianMs} ms)`,
        );
      }
      results[mode] = result;
    }

    const frame = results.frame;
    return {
      browserFps: frame?.fps.median ?? Number.NaN,
      browserLongTasks: frame?.longTasks.count ?? Number.NaN,
      targetsMet: frame ? Object.values(frame.targets).every(Boolean) : false,
      baseline,
      modes: results,
      load: { symbols, ratePerSecond, warmupMs, measureMs },
      environment: benchEnvironment(chromium),
      buildMs,
      runMs: Date.now() - started,
    };
  } finally {
    await browser?.close();
    await server?.stop();
    log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/** Headless Chromium paces frames itself; a page with nothing on it shows what that pace is on this machine. */
async function measureBlankPage(browser: Browser, ms: number): Promise<BrowserBenchResult['baseline']> {
  const { context, page } = await newPage(browser);
  try {
    await page.setContent('<!doctype html><title>blank</title><body style="background:#0b0e11"></body>');
    await page.waitForTimeout(300);
    await page.evaluate(() => window.__benchProbe.reset());
    await page.waitForTimeout(ms);
    const probe = await page.evaluate(() => window.__benchProbe.read());
    return {
      fps: summarizeFps(probe.frames, probe.since, probe.now),
      longTasks: summarizeLongTasks(probe.longTasks, probe.since, probe.now),
    };
  } finally {
    await context.close();
  }
}

async function usedHeap(cdp: CDPSession): Promise<number> {
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Two readings of the used heap, each after a full GC (see ModeResult.targets for why one is not enough); under the
 * eager mode's load each takes about a second. */
async function heapAfterGc(cdp: CDPSession): Promise<number[]> {
  const readings: number[] = [];
  for (let i = 0; i < 2; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    readings.push(await usedHeap(cdp));
  }
  return readings;
}

async function measureDashboard(
  browser: Browser,
  server: HeavyServer,
  mode: RenderMode,
  { warmupMs, measureMs, log }: { warmupMs: number; measureMs: number; log: (line: string) => void },
): Promise<ModeResult> {
  const { context, page, cdp } = await newPage(browser);
  try {
    const onScreen = await openDashboard(page, server, mode);
    log(
      `${mode}: live with the depth chart, ${onScreen.sparklines} sparklines (${onScreen.rowsFollowing} rows in view ` +
        `follow every change, the others refresh once a second) and the SMA overlay on screen; ` +
        `${warmupMs / 1000} s warm-up, then ${measureMs / 1000} s measured`,
    );
    await page.waitForTimeout(warmupMs);
    const startup = await page.evaluate(() => window.__benchProbe.read());
    const heapStart = await heapAfterGc(cdp);
    const before = await server.totals();
    await page.evaluate(() => window.__benchProbe.reset());
    const cpuBefore = sampleCpu();

    // Nothing touches the page during the window but a heap reading once a second.
    const samples: number[] = [];
    const sampling = setInterval(() => {
      usedHeap(cdp).then(
        (bytes) => samples.push(bytes),
        () => undefined,
      );
    }, 1000);
    await page.waitForTimeout(measureMs);
    clearInterval(sampling);
    const cpu = cpuUsage(cpuBefore, sampleCpu(), server.pid);

    const probe = await page.evaluate(() => window.__benchProbe.read());
    const after = await server.totals();
    const sent = after.updatesSent - before.updatesSent;
    const resyncs = after.resyncs - before.resyncs;
    const shown = Number(await page.getByTestId('update-rate').textContent());
    const heapEnd = await heapAfterGc(cdp);

    const end = probe.since + measureMs;
    const fps = summarizeFps(probe.frames, probe.since, end);
    const longTasks = summarizeLongTasks(probe.longTasks, probe.since, end);
    const heap = summarizeHeap(heapStart, heapEnd, samples, sent);
    return {
      mode,
      onScreen,
      fps,
      longTasks,
      startupLongTasks: summarizeLongTasks(startup.longTasks, 0, startup.now),
      notifications: summarizeDurations(probe.notifications, probe.since, end),
      reactCommits: commitRate(probe),
      heap,
      updatesPerSecond: Math.round(sent / ((probe.now - probe.since) / 1000)),
      shownUpdateRate: Number.isFinite(shown) ? shown : null,
      resyncs,
      cpu,
      contended: (cpu?.othersPercent ?? 0) > CONTENDED_PERCENT,
      droppedProbeEntries: probe.dropped,
      targets: { medianFps55: fps.median >= 55, noLongTaskOver50ms: longTasks.count === 0 },
    };
  } finally {
    await context.close();
  }
}

/** A fresh page in `mode`, warmed up, then profiled, traced (never in a measured window: both cost time), and
 * measured once more with the price chart hidden. */
async function captureDashboardEvidence(
  browser: Browser,
  server: HeavyServer,
  mode: RenderMode,
  { durationMs, dir }: { durationMs: number; dir: string },
): Promise<DashboardEvidence> {
  const { context, page, cdp } = await newPage(browser);
  try {
    await openDashboard(page, server, mode);
    await page.waitForTimeout(500);
    mkdirSync(dir, { recursive: true });
    const name = `browser-${mode}`;
    const mainThread = await captureMainThreadEvidence(browser, page, cdp, { durationMs, dir, name });

    // The server's CSP refuses an injected <style> (it allows no inline styles but its own, by hash); a rule added
    // through the CSSOM is not an inline style and applies the same.
    await page.evaluate(() => {
      const sheet = document.styleSheets[document.styleSheets.length - 1];
      sheet?.insertRule('.price-chart__plot { display: none !important; }', sheet.cssRules.length);
    });
    await page.waitForTimeout(500);
    await page.evaluate(() => window.__benchProbe.reset());
    const withoutChartMs = Math.max(3000, durationMs);
    await page.waitForTimeout(withoutChartMs);
    const probe = await page.evaluate(() => window.__benchProbe.read());
    const end = probe.since + withoutChartMs;
    const withoutPriceChart = {
      fps: summarizeFps(probe.frames, probe.since, end),
      longTasks: summarizeLongTasks(probe.longTasks, probe.since, end),
      notifications: summarizeDurations(probe.notifications, probe.since, end),
      reactCommits: commitRate(probe),
    };
    return { ...mainThread, withoutPriceChart };
  } finally {
    await context.close();
  }
}

function commitRate(probe: ProbeReadout): { count: number; perSecond: number } {
  return { count: probe.commits, perSecond: Math.round(probe.commits / ((probe.now - probe.since) / 1000)) };
}

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href;
}

if (isMain()) {
  runBrowserBench().then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
