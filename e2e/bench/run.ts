// `npm run bench`: the fan-out benchmark. Tickline and four baselines (naive and batched Socket.IO, raw `ws` and raw
// `ws` carrying Tickline's own batches), each in its own process, take the same fixed-rate synthetic feed to the
// same 1,000 clients (load-generator processes of their own, one per core: `--load-processes N`); every step is
// measured `--repeats` times (3) back to back after one settle, so each figure comes as a median and a range.
// Per server: the standard scenario, then capacity (offered rate doubled until updates are late or lost, then
// bisected to within 10 %); then slow consumers (at half Tickline's capacity), then memory per idle connection
// (`--idle-connections N`, 5,000; 0 skips it), then the browser benchmark if present. Prints one JSON line; the full
// results go to e2e/.artifacts/bench.json.
// `--servers tickline,batched-ws` measures only those kinds (`tickline-fixed`, the fixed flush, only when named),
// `--capacity-steps 500,1000` sets the rate ladder (`--capacity-ceiling N`: doubling past its top to N while every
// step passes; 512,000 with the default ladder), and `--no-slow-consumer` / `--no-browser` skip those parts: for
// smoke runs (a subset of servers writes its results to e2e/.artifacts/bench-partial.json, leaving the last full
// run's bench.json alone).
// `npm run bench -- --soak` runs only the 10-minute soak instead (e2e/.artifacts/bench-soak.json).
// `npm run bench -- --browser-soak` runs only the browser soak: the dashboard open 30 minutes (`--browser-soak-minutes`)
// at the browser bench's busy market, heap after GC and DOM sampled each minute (e2e/.artifacts/bench-browser-soak.json).
// `npm run bench -- --cluster` measures the Redis bus instead: the single process against feed node -> Redis -> edge,
// in alternating runs, then one edge's clients stepped up, then stand-in edges reading the stream, for Redis's cost
// per edge (e2e/.artifacts/bench-cluster.json).

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { killAllChildren } from './bench-processes.ts';
import { parseFlags } from './bench-flags.ts';
import { browserSoakMode, clusterMode, soakMode } from './bench-modes.ts';
import { benchFigures } from './bench-summary.ts';
import { runFanOut, type FanOutOptions, type FanOutResult } from './fan-out.ts';
import { type Traffic, updatesPerTrade } from './fixed-schedule.ts';
import { DEFAULT_SERVER_KINDS, isServerKind, SERVER_KINDS, type ServerKind } from './server-kinds.ts';
import { type IdleConnectionsResult, runIdleConnections } from './idle-connections.ts';
import { awaitIdleMachine } from './machine-cpu.ts';
import { MAX_P99_MS, MIN_DELIVERED, SUSTAINED_MAX_P99_MS } from './measure-step.ts';
import { runSlowConsumer, type SlowConsumerResult } from './slow-consumer.ts';

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const BROWSER_BENCH = fileURLToPath(new URL('./browser/run-browser-bench.ts', import.meta.url));

const flags = parseFlags(process.argv.slice(2));
const t0 = Date.now();
const log = (line: string) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}\n`);

const scenario = {
  clients: flags.number('clients', 1000),
  symbols: flags.number('symbols', 50),
  perClient: flags.number('per-client', 5),
  flushMs: flags.number('flush-ms', 50),
  /**
   * Trades/s offered in the standard scenario: one trade per symbol per 50 ms flush. Under book traffic each trade
   * comes with three level changes (issue 13: "per symbol per flush, e.g. 3 level changes + 1 trade"), so the
   * updates offered are four times this.
   */
  standardRate: flags.number('rate', 1000),
  /** Load-generator processes sharing the clients: one per core, so one process's core is not the limit. */
  loadProcesses: flags.number('load-processes', os.cpus().length),
  /** Every step is measured this many times (back to back after one settle): figures come as median and range. */
  repeats: flags.number('repeats', 3),
};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

try {
  const mode = { flags, log, scenario, artifacts: ARTIFACTS };
  if (flags.has('soak')) await soakMode(mode);
  else if (flags.has('browser-soak')) await browserSoakMode(mode);
  else if (flags.has('cluster')) await clusterMode(mode);
  else await bench();
} catch (err) {
  killAllChildren();
  throw err;
}

async function bench(): Promise<void> {
  const startedAt = Date.now();
  const idle = await awaitIdleMachine(flags.number('quiet-wait-ms', 10_000));
  if (idle.busy >= 0.1) {
    log(`warning: the machine was ${Math.round(idle.busy * 100)}% busy before the run; figures will be noisy`);
  }

  // Book traffic (per symbol 3 level changes, then a trade: fixed-schedule.ts) unless `--traffic trades`.
  const traffic: Traffic = flags.strings('traffic', ['book'])[0] === 'trades' ? 'trades' : 'book';
  const fanOut: FanOutOptions = {
    ...scenario,
    standardRate: scenario.standardRate * updatesPerTrade(traffic),
    // The first window after connecting also warms up the JIT of both processes: give it a longer settle.
    standard: { settleMs: 3000, windowMs: 2000 * scenario.repeats, graceMs: 500, repeats: scenario.repeats },
    // From 1,000/s (every server passes 500, and one that fails 1,000 is halved to it anyway) to 128,000/s; a
    // server that passes every step goes on doubling to 512,000/s, so each capacity is found rather than bounded by
    // the ladder (batched raw ws passed 128,000 in two full runs and held 117,377/s in a longer ladder).
    capacitySteps: flags.list('capacity-steps', [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000]),
    // A ladder given on the command line ends where it says, unless `--capacity-ceiling` says otherwise.
    capacityCeiling: flags.number('capacity-ceiling', flags.has('capacity-steps') ? 0 : 512_000),
    traffic,
    capacity: { settleMs: 1000, windowMs: 1000 * scenario.repeats, graceMs: 500, repeats: scenario.repeats },
    idleRate: 100,
    // Until the clients have caught up (most drains take half a second), at most this long.
    drainMs: 8000,
    log,
  };
  // `--servers batched-naive,batched-ws` measures only those (a smoke run, or one comparison on a busy machine).
  const kinds = flags.strings('servers', [...DEFAULT_SERVER_KINDS]);
  const unknown = kinds.filter((k) => !isServerKind(k));
  if (unknown.length > 0)
    throw new Error(`--servers: unknown ${unknown.join(', ')} (known: ${SERVER_KINDS.join(', ')})`);
  const servers: Partial<Record<ServerKind, FanOutResult>> = {};
  for (const kind of kinds.filter(isServerKind)) {
    await quietMachine(kind);
    servers[kind] = await runFanOut(kind, fanOut);
  }

  // At the standard rate only (no capacity search): the trade-only case's bytes per update, and the real client's
  // work (decode, replica, checksum verified: load-generator.ts `real`) for the two servers that send Tickline's
  // messages, to set against the lean clients above. `--no-extras` skips both.
  const standardOnly: FanOutOptions = { ...fanOut, capacitySteps: [] };
  const tradesOnly: Partial<Record<ServerKind, FanOutResult>> = {};
  const realClients: Partial<Record<ServerKind, FanOutResult>> = {};
  if (!flags.has('no-extras')) {
    // Tickline's only: batched ws's bytes with trades only are Tickline's less its envelope (24.9 B in every run).
    if (traffic === 'book') {
      for (const kind of (['tickline'] as const).filter((k) => kinds.includes(k))) {
        await quietMachine(`${kind}, trades only`);
        tradesOnly[kind] = await runFanOut(kind, {
          ...standardOnly,
          traffic: 'trades',
          standardRate: scenario.standardRate,
        });
      }
    }
    for (const kind of (['tickline', 'batched-ws'] as const).filter((k) => kinds.includes(k))) {
      await quietMachine(`${kind}, real clients`);
      realClients[kind] = await runFanOut(kind, { ...standardOnly, mode: 'real' });
    }
  }

  // The slow-consumer run is Tickline's; `--no-slow-consumer` (or leaving Tickline out) skips it. It runs at a rate
  // where stalled clients matter (half Tickline's capacity, `--flood-rate` to set it): a stalled client on every
  // symbol then gets ~0.4 MB/s, its kernel buffers (~4-5 MB) fill within ~10 s and the server's own queue grows
  // until the cap or the stall rule (20 s, Engine.IO's heartbeat) cuts it. The ordinary clients are measured over
  // that whole time, in 6-second repeats, against the same rate without stalled clients.
  let slowConsumer: SlowConsumerResult | undefined;
  if (!flags.has('no-slow-consumer') && servers.tickline) {
    await quietMachine('slow consumers');
    const floodRate = flags.number(
      'flood-rate',
      Math.max(fanOut.standardRate, roundRate(servers.tickline.capacity / 2)),
    );
    slowConsumer = await runSlowConsumer({
      ...scenario,
      rate: floodRate,
      traffic,
      idleRate: 100,
      slowClients: flags.number('slow-clients', 20),
      maxQueuedBytes: undefined, // Tickline's default cap
      baseline: { settleMs: 2000, windowMs: 6000, graceMs: 500, repeats: 2 },
      stalled: { settleMs: 1000, windowMs: flags.number('stall-ms', 20_000) + 4000, graceMs: 500, repeats: 4 },
      // Any stalled client the server has not cut after that window: offer more until it is (not measured). Since
      // the stall rule cuts at 20 s this is rare; a stalled client's own heartbeat may also close it first (its timer
      // runs while its socket is paused), and it then reconnects on a fresh socket, uncounted by the server: the
      // flood cannot tell, so it stops after 10 s.
      flood: { rate: 64_000, maxMs: 10_000 },
      recoveryTimeoutMs: 20_000,
      log,
    });
  }

  // Memory per idle connection (issue 13): Tickline, Socket.IO's own floor (the naive server) and raw ws's.
  // `--idle-connections 0` skips it.
  const idleCount = flags.number('idle-connections', 5000);
  const idleConnections: Partial<Record<ServerKind, IdleConnectionsResult>> = {};
  if (idleCount > 0) {
    for (const kind of (['tickline', 'naive', 'ws'] as const).filter((k) => kinds.includes(k))) {
      await quietMachine(`idle connections (${kind})`);
      idleConnections[kind] = await runIdleConnections(kind, idleCount, log);
    }
  }

  const benchSeconds = Math.round((Date.now() - startedAt) / 1000);
  const browser = await runBrowser();
  const { summary, targets } = benchFigures({
    servers,
    tradesOnly,
    realClients,
    slowConsumer,
    idleConnections,
    browser,
    traffic,
    standardRate: fanOut.standardRate,
    standardTradeRate: scenario.standardRate,
    benchSeconds,
    runSeconds: Math.round((Date.now() - startedAt) / 1000),
  });
  const results = {
    summary,
    targets,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, idleBefore: idle },
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    startedAt: new Date(startedAt).toISOString(),
    scenario: {
      ...scenario,
      serverKinds: kinds,
      capacityCriterion: { minDelivered: MIN_DELIVERED, maxP99Ms: MAX_P99_MS },
      sustainedCriterion: { minDelivered: MIN_DELIVERED, maxP99Ms: SUSTAINED_MAX_P99_MS },
      fanOut: { ...fanOut, log: undefined },
    },
    servers,
    tradesOnly,
    realClients,
    idleConnections,
    slowConsumer: slowConsumer ?? null,
    browser: browser.full,
  };
  // A run of some of the servers must not overwrite the last full run's results.
  const artifact = DEFAULT_SERVER_KINDS.every((k) => kinds.includes(k)) ? 'bench.json' : 'bench-partial.json';
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}${artifact}`, `${JSON.stringify(results, null, 2)}\n`);
  log(`targets: ${JSON.stringify(targets)}`);
  log(`full results: ${ARTIFACTS}${artifact}`);
  console.log(JSON.stringify(summary));
}

// Another process busy on a 2-core machine skews everything: wait (briefly) for it, and say so if it does not stop.
async function quietMachine(phase: string): Promise<void> {
  const { busy, waitedMs } = await awaitIdleMachine(10_000);
  if (busy >= 0.1)
    log(`warning: before ${phase} the machine was ${Math.round(busy * 100)}% busy; its figures may be skewed`);
  else if (waitedMs > 2000) log(`waited ${(waitedMs / 1000).toFixed(0)} s for a quiet machine before ${phase}`);
}

interface BrowserFigures {
  browserFps: number | null;
  browserLongTasks: number | null;
  full: unknown;
}

// The browser benchmark is a colleague's module: used when it exists and exports runBrowserBench, else null.
async function runBrowser(): Promise<BrowserFigures> {
  if (flags.has('no-browser') || !existsSync(BROWSER_BENCH))
    return { browserFps: null, browserLongTasks: null, full: null };
  try {
    const mod: unknown = await import(pathToFileURL(BROWSER_BENCH).href);
    const run = typeof mod === 'object' && mod !== null && 'runBrowserBench' in mod ? mod.runBrowserBench : undefined;
    if (typeof run !== 'function') return { browserFps: null, browserLongTasks: null, full: null };
    log('browser benchmark (e2e/bench/browser/run-browser-bench.ts)');
    // The dashboard as shipped (frame mode) only: the eager mode is a comparison of render strategies for the
    // browser bench's own command (run-browser-bench.ts runs both, and profiles a mode that misses), time the
    // 8-minute run cannot spare.
    const result: unknown = await run({ modes: ['frame'], evidence: 'never' });
    const pick = (key: string) => {
      const v = typeof result === 'object' && result !== null ? (result as Record<string, unknown>)[key] : undefined;
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    };
    return { browserFps: pick('browserFps'), browserLongTasks: pick('browserLongTasks'), full: result };
  } catch (err) {
    log(`browser benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
    return { browserFps: null, browserLongTasks: null, full: { error: String(err) } };
  }
}

/** A rate to offer, rounded to 1,000/s (to 100/s below 2,000). */
function roundRate(rate: number): number {
  const unit = rate < 2000 ? 100 : 1000;
  return Math.max(unit, Math.round(rate / unit) * unit);
}
