// The soak: Tickline at the standard load for a long time (10 minutes by default), sampling the server's RSS and
// heap every few seconds and its heap after a forced GC every minute, to show whether memory grows with time.

import { benchNow } from './bench-clock.ts';
import { startServer } from './bench-processes.ts';
import { startLoadGenerator } from './load-pool.ts';
import { describe } from './fan-out.ts';
import type { LoadConfig } from './load-generator.ts';
import { measureStep, type StepResult } from './measure-step.ts';
import { linearFit } from './sample-stats.ts';

export interface SoakOptions {
  clients: number;
  symbols: number;
  perClient: number;
  flushMs: number;
  rate: number;
  idleRate: number;
  minutes: number;
  sampleEveryMs: number;
  log: (line: string) => void;
}

export interface SoakResult {
  minutes: number;
  /** [minutes since start, rss MB, heap used MB] every sampleEveryMs. */
  samples: [number, number, number][];
  /** [minutes since start, heap used MB right after a full GC] once a minute: the leak signal. */
  heapAfterGc: [number, number][];
  /** Least-squares slopes over everything after the first minute (warm-up), MB per minute. */
  rssSlopeMbPerMin: number;
  heapAfterGcSlopeMbPerMin: number;
  rssFirstMb: number;
  rssLastMb: number;
  windows: Pick<StepResult, 'deliveredRatio' | 'updatesPerSec' | 'latency' | 'passed'>[];
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const server = await startServer('tickline', { symbols: o.symbols, rate: o.idleRate, flushMs: o.flushMs }, [
    '--expose-gc',
  ]);
  const lg = await startLoadGenerator();
  try {
    const config: LoadConfig = {
      kind: 'tickline',
      url: server.url,
      clients: o.clients,
      symbols: o.symbols,
      perClient: o.perClient,
      slowClients: 0,
      slowPerClient: 0,
    };
    await lg.call('connect', config);
    const start = benchNow();
    const minutesSince = (t: number) => Math.round(((t - start) / 60_000) * 1000) / 1000;
    const samples: [number, number, number][] = [];
    const heapAfterGc: [number, number][] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = await server.sample();
        samples.push([minutesSince(s.time), mb(s.rssBytes), mb(s.heapUsedBytes)]);
        await new Promise((r) => setTimeout(r, o.sampleEveryMs));
      }
    })();
    const windows: SoakResult['windows'] = [];
    for (let minute = 0; minute < o.minutes; minute++) {
      const step = await measureStep(server, lg, o.rate, { settleMs: 500, windowMs: 58_000, graceMs: 500 });
      const { deliveredRatio, updatesPerSec, latency, passed } = step;
      windows.push({ deliveredRatio, updatesPerSec, latency, passed });
      const gc = await server.call<{ time: number; heapUsedBytes: number }>('gc');
      heapAfterGc.push([minutesSince(gc.time), mb(gc.heapUsedBytes)]);
      o.log(`${describe('soak', `minute ${minute + 1}`, step)}; heap after GC ${mb(gc.heapUsedBytes)} MB`);
    }
    sampling = false;
    await sampler;
    const warm = samples.filter((s) => s[0] >= 1);
    return {
      minutes: o.minutes,
      samples,
      heapAfterGc,
      rssSlopeMbPerMin: slope(warm.map((s) => [s[0], s[1]])),
      heapAfterGcSlopeMbPerMin: slope(heapAfterGc.filter((s) => s[0] >= 1)),
      rssFirstMb: warm[0]?.[1] ?? samples[0]?.[1] ?? 0,
      rssLastMb: samples.at(-1)?.[1] ?? 0,
      windows,
    };
  } finally {
    await lg.stop();
    await server.stop();
  }
}

/** Least-squares slope, to 3 decimals; 0 when there is nothing to fit. */
function slope(points: [number, number][]): number {
  const fit = linearFit(points);
  return fit ? Math.round(fit.slope * 1000) / 1000 : 0;
}
