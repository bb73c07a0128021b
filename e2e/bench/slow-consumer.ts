// Slow consumers against Tickline: measure the ordinary clients, then add clients that subscribe to every symbol
// and stop reading (their TCP socket paused, like a frozen tab on a dead link). The server must cut them at its cap
// instead of buffering for them without bound, the ordinary clients' latency must not move, and the cut clients
// must come back by themselves (reconnect + resync) once they read again.
//
// At the standard rate a stalled client's backlog grows by only ~25 KB/s, which the kernel's socket buffers (several
// MB on loopback) hold for minutes before anything queues in the server: there stalled clients are harmless. So the
// run is at a rate where they are not (run.ts: half Tickline's capacity): their buffers fill within seconds, the
// server's queue for them grows until the cap or the stall rule cuts them, and the ordinary clients are measured
// throughout, against a window at the same rate without stalled clients. A flood (not measured) follows only if a
// stalled client is still connected after that.

import { benchNow } from './bench-clock.ts';
import type { Traffic } from './fixed-schedule.ts';
import { startServer } from './bench-processes.ts';
import { startLoadGenerator } from './load-pool.ts';
import { describe } from './fan-out.ts';
import type { GroupStatus, LoadConfig } from './load-generator.ts';
import { measureStep, type StepResult, type StepTiming } from './measure-step.ts';
import type { ServerStats } from './servers/server-control.ts';

export interface SlowConsumerOptions {
  clients: number;
  symbols: number;
  perClient: number;
  flushMs: number;
  /** The offered rate for both measured windows (and while the slow clients are stalled). */
  rate: number;
  /** Load-generator processes for the ordinary clients (the slow ones have a process of their own). */
  loadProcesses: number;
  traffic: Traffic;
  idleRate: number;
  slowClients: number;
  /** The server's cap; undefined = Tickline's default, null = no cap. */
  maxQueuedBytes: number | null | undefined;
  baseline: StepTiming;
  /** The window measured while the slow clients are stalled. */
  stalled: StepTiming;
  /** After that window: offer this rate until every slow client is cut, for at most `maxMs`. */
  flood: { rate: number; maxMs: number } | undefined;
  recoveryTimeoutMs: number;
  log: (line: string) => void;
}

export interface SlowConsumerResult {
  slowClients: number;
  capBytes: number | null | undefined;
  baseline: StepResult;
  stalled: StepResult;
  /** The ordinary clients' p99 while slow clients were stalled, relative to without them. */
  p99ChangePct: number;
  /** The worst repeat of the stalled window (the cuts fall in one of them): the ordinary clients' p99 then, ms. */
  worstRepeatP99Ms: number;
  rssMbBefore: number;
  /** Peak server RSS while the slow clients were stalled. */
  rssMbPeak: number;
  /**
   * Server samples (one a second) from the stall on: [seconds since stall, RSS MB, heap MB, connections cut so far,
   * longest event-loop delay in that second (ms)].
   */
  rssSamples: [number, number, number, number, number][];
  /** The flood after the measured window: how long it ran, and the cuts before and after it. */
  flood: { rate: number; ms: number; cutBefore: number; cutAfter: number } | null;
  /** Slow clients the server cut, and when the first and last cut were seen (s after the stall). */
  dropped: number;
  firstDropAfterS: number | null;
  lastDropAfterS: number | null;
  /** Slow clients that were disconnected and are subscribed again, and the longest disconnect-to-snapshot time. */
  recovered: number;
  worstRecoveryMs: number;
  slowClientsAfter: GroupStatus;
  /** The ordinary clients over the whole run: they must have no disconnects and no gaps. */
  measuredAfter: GroupStatus;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export async function runSlowConsumer(o: SlowConsumerOptions): Promise<SlowConsumerResult> {
  const server = await startServer('tickline', {
    symbols: o.symbols,
    rate: o.idleRate,
    flushMs: o.flushMs,
    traffic: o.traffic,
    ...(o.maxQueuedBytes === undefined ? {} : { maxQueuedBytes: o.maxQueuedBytes }),
  });
  const lg = await startLoadGenerator(o.loadProcesses);
  // The slow clients live in a load generator of their own: when they come back and work through their backlog and
  // their snapshots, that must not hold up the event loop that times the ordinary clients.
  const slowLg = await startLoadGenerator();
  try {
    const config: LoadConfig = {
      kind: 'tickline',
      url: server.url,
      clients: o.clients,
      symbols: o.symbols,
      perClient: o.perClient,
      slowClients: 0,
      slowPerClient: 0,
      traffic: o.traffic,
    };
    await lg.call('connect', config);
    await slowLg.call('connect', { ...config, clients: 0 });
    const baseline = await measureStep(server, lg, o.rate, o.baseline);
    o.log(describe('slow-consumer', 'without slow clients', baseline));
    const rssMbBefore = baseline.server.rssMb;

    await slowLg.call('addSlow', { count: o.slowClients, perClient: o.symbols });
    await slowLg.call('pauseSlow');
    const stalledAt = benchNow();
    o.log(`slow-consumer: ${o.slowClients} clients on all ${o.symbols} symbols stopped reading`);

    // Sample the server once a second while the window below runs (the step sets the same rate again).
    const samples: [number, number, number, number, number][] = [];
    let sampling = true;
    await server.sample(); // starts the first second's event-loop histogram
    const sampler = (async () => {
      while (sampling) {
        await sleep(1000);
        const s = await server.sample();
        samples.push([
          round1((s.time - stalledAt) / 1000),
          mb(s.rssBytes),
          mb(s.heapUsedBytes),
          s.dropped,
          round1(s.loopDelayMaxMs),
        ]);
      }
    })();
    const stalled = await measureStep(server, lg, o.rate, o.stalled);
    o.log(describe('slow-consumer', 'with slow clients', stalled));
    let flood: SlowConsumerResult['flood'] = null;
    const cutBefore = (await server.stats()).dropped;
    if (o.flood && cutBefore < o.slowClients) {
      const floodAt = benchNow();
      await server.call('rate', { rate: o.flood.rate });
      let cut = cutBefore;
      while (cut < o.slowClients && benchNow() - floodAt < o.flood.maxMs) {
        await sleep(500);
        cut = (await server.stats()).dropped;
      }
      await server.call('rate', { rate: o.rate });
      flood = { rate: o.flood.rate, ms: Math.round(benchNow() - floodAt), cutBefore, cutAfter: cut };
      o.log(
        `slow-consumer: flood at ${o.flood.rate}/s for ${(flood.ms / 1000).toFixed(1)} s: ${cutBefore} -> ${cut} cut`,
      );
    }
    sampling = false;
    await sampler;
    const last: ServerStats = await server.stats();
    const drops = samples.filter((s) => s[3] > 0);

    // A cut client notices when it reads again (or when its own ping timeout fires, whichever comes first), then
    // reconnects on a fresh, reading connection and resyncs every symbol.
    await slowLg.call('resumeSlow');
    const resumedAt = benchNow();
    const slowStatus = () => slowLg.call<{ slow: GroupStatus }>('status', { since: stalledAt });
    let slow = (await slowStatus()).slow;
    while (slow.recovered < last.dropped && benchNow() - resumedAt < o.recoveryTimeoutMs) {
      await sleep(250);
      slow = (await slowStatus()).slow;
    }
    const status = {
      measured: (await lg.call<{ measured: GroupStatus }>('status', { since: stalledAt })).measured,
      slow,
    };
    const result: SlowConsumerResult = {
      slowClients: o.slowClients,
      capBytes: o.maxQueuedBytes,
      baseline,
      stalled,
      p99ChangePct: round1(((stalled.latency.p99Ms - baseline.latency.p99Ms) / baseline.latency.p99Ms) * 100),
      worstRepeatP99Ms: round1(Math.max(...stalled.repeats.map((r) => r.p99Ms))),
      rssMbBefore,
      rssMbPeak: Math.max(rssMbBefore, ...samples.map((s) => s[1])),
      rssSamples: samples,
      flood,
      dropped: last.dropped,
      firstDropAfterS: drops[0]?.[0] ?? null,
      lastDropAfterS: drops.find((s) => s[3] === last.dropped)?.[0] ?? null,
      recovered: status.slow.recovered,
      worstRecoveryMs: Math.round(status.slow.worstRecoveryMs),
      slowClientsAfter: status.slow,
      measuredAfter: status.measured,
    };
    o.log(
      `slow-consumer: cap ${o.maxQueuedBytes === null ? 'none' : (o.maxQueuedBytes ?? 'default')}: ` +
        `${result.dropped}/${o.slowClients} cut (first after ${result.firstDropAfterS ?? '-'} s), ` +
        `rss ${rssMbBefore} -> peak ${result.rssMbPeak} MB, ordinary clients p99 ${baseline.latency.p99Ms.toFixed(1)} -> ` +
        `${stalled.latency.p99Ms.toFixed(1)} ms (${result.p99ChangePct}%), ${result.recovered} recovered (worst ` +
        `${(result.worstRecoveryMs / 1000).toFixed(1)} s from disconnect to snapshots); ordinary clients: ` +
        `${status.measured.disconnects} disconnects, ${status.measured.gaps} gaps`,
    );
    return result;
  } finally {
    await slowLg.stop();
    await lg.stop();
    await server.stop();
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;
