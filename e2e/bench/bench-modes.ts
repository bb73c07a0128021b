// The bench's other modes, each instead of the fan-out run: the server soak (`--soak`), the browser soak
// (`--browser-soak`) and the cluster on Redis (`--cluster`). Each runs its measurement, writes its artifact to
// e2e/.artifacts and prints its one-line summary; run.ts picks the mode from the flags.

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { BenchFlags } from './bench-flags.ts';
import { runBrowserSoak } from './browser/browser-soak.ts';
import { runClusterBench } from './cluster-bench.ts';
import { clusterFigures, clusterSummary } from './cluster-summary.ts';
import { awaitIdleMachine } from './machine-cpu.ts';
import { MAX_P99_MS, MIN_DELIVERED } from './measure-step.ts';
import { runSoak } from './soak.ts';

/** What every mode takes from the command: its flags, the log, the shared scenario and where artifacts go. */
export interface ModeContext {
  flags: BenchFlags;
  log: (line: string) => void;
  scenario: {
    clients: number;
    symbols: number;
    perClient: number;
    flushMs: number;
    standardRate: number;
    loadProcesses: number;
    repeats: number;
  };
  /** The artifacts directory, ending in a slash. */
  artifacts: string;
}

export async function soakMode({ flags, log, scenario, artifacts }: ModeContext): Promise<void> {
  const startedAt = Date.now();
  await awaitIdleMachine(flags.number('quiet-wait-ms', 30_000));
  const result = await runSoak({
    ...scenario,
    rate: scenario.standardRate,
    idleRate: 100,
    minutes: flags.number('soak-minutes', 10),
    sampleEveryMs: 5000,
    log,
  });
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(`${artifacts}bench-soak.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    JSON.stringify({
      soakMinutes: result.minutes,
      rssFirstMb: result.rssFirstMb,
      rssLastMb: result.rssLastMb,
      rssSlopeMbPerMin: result.rssSlopeMbPerMin,
      heapAfterGcMb: result.heapAfterGc.map((h) => h[1]),
      heapAfterGcSlopeMbPerMin: result.heapAfterGcSlopeMbPerMin,
      minutesPassed: result.windows.filter((w) => w.passed).length,
      worstP99Ms: round(Math.max(...result.windows.map((w) => w.latency.p99Ms))),
      runSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
  );
}

export async function browserSoakMode({ flags, log, artifacts }: ModeContext): Promise<void> {
  const startedAt = Date.now();
  await awaitIdleMachine(flags.number('quiet-wait-ms', 30_000));
  const result = await runBrowserSoak({
    minutes: flags.number('browser-soak-minutes', 30),
    leak: flags.has('browser-soak-leak'),
    snapshotsDir: flags.has('browser-soak-snapshots') ? `${artifacts}bench/browser-soak` : undefined,
    log,
  });
  const summary = {
    browserSoakMinutes: result.minutes,
    passed: result.passed,
    heapAfterGcMb: result.samples.map((s) => s.heapAfterGcMB),
    heapGrowthPct: result.heap?.growthPercent ?? null,
    heapSlopeMbPerMin: result.heap?.slopePerMinute ?? null,
    documentElements: result.samples.map((s) => s.documentElements),
    documentElementsGrowthPct: result.documentElements?.growthPercent ?? null,
    domNodesGrowthPct: result.domNodes?.growthPercent ?? null,
    listenersGrowthPct: result.jsEventListeners?.growthPercent ?? null,
    symbolsVisited: new Set(result.symbolsVisited).size,
    leakInjected: result.leakInjected,
    topHeapGrowth: result.heapGrowthByConstructor
      ?.slice(0, 5)
      .map((g) => `${g.name} ${g.countDelta >= 0 ? '+' : ''}${g.countDelta} (${round(g.selfBytesDelta / 1024)} KB)`),
    heapWithoutCodeGrowthPct: result.heapWithoutCode?.growthPercent ?? null,
    ...(result.tail && {
      tailFromMinute: result.tail.fromMinute,
      tailHeapGrowthPct: growthPercentBetween(result.samples, result.tail.fromMinute),
      tailHeapWithoutCodeGrowthPct: result.tail.heapWithoutCode.growthPercent,
      tailTopHeapGrowth: result.tail.heapGrowthByConstructor
        .slice(0, 5)
        .map((g) => `${g.name} ${g.countDelta >= 0 ? '+' : ''}${g.countDelta} (${round(g.selfBytesDelta / 1024)} KB)`),
    }),
    runSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(
    `${artifacts}bench-browser-soak.json`,
    `${JSON.stringify(
      {
        summary,
        startedAt: new Date(startedAt).toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
        ...result,
      },
      null,
      2,
    )}\n`,
  );
  log(`full results: ${artifacts}bench-browser-soak.json`);
  console.log(JSON.stringify(summary));
  if (!result.passed) process.exitCode = 1;
}

export async function clusterMode({ flags, log, scenario, artifacts }: ModeContext): Promise<void> {
  const startedAt = Date.now();
  const idle = await awaitIdleMachine(flags.number('quiet-wait-ms', 10_000));
  if (idle.busy >= 0.1)
    log(`warning: the machine was ${Math.round(idle.busy * 100)}% busy before the run; figures will be noisy`);
  const options = {
    ...scenario,
    runs: flags.number('cluster-runs', 4),
    windows: flags.number('cluster-windows', 3),
    first: { settleMs: 3000, windowMs: 5000, graceMs: 500 },
    next: { settleMs: 1000, windowMs: 5000, graceMs: 500 },
    ladder: flags.list('cluster-ladder', [500, 1000, 1500, 2000, 2500, 3000]),
    readerCounts: flags.list('cluster-readers', [0, 50, 100, 200, 400]),
    idleRate: 100,
    log,
  };
  const result = await runClusterBench(options);
  const figures = clusterFigures(result);
  const summary = { ...clusterSummary(figures, 5), runSeconds: Math.round((Date.now() - startedAt) / 1000) };
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(
    `${artifacts}bench-cluster.json`,
    `${JSON.stringify(
      {
        summary,
        figures,
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, idleBefore: idle },
        startedAt: new Date(startedAt).toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
        scenario: {
          ...options,
          log: undefined,
          capacityCriterion: { minDelivered: MIN_DELIVERED, maxP99Ms: MAX_P99_MS },
        },
        ...result,
      },
      null,
      2,
    )}\n`,
  );
  log(`full results: ${artifacts}bench-cluster.json`);
  console.log(JSON.stringify(summary));
}

/** Heap after GC from the sample at `fromMinute` to the last one, in percent. */
function growthPercentBetween(samples: readonly { minute: number; heapAfterGcMB: number }[], fromMinute: number) {
  const from = samples.find((s) => s.minute === fromMinute)?.heapAfterGcMB;
  const end = samples.at(-1)?.heapAfterGcMB;
  return from === undefined || end === undefined ? null : round(((end - from) / from) * 100);
}

function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
