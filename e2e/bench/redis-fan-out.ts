// What Redis spends per edge. Every edge reads every entry of its shard's stream, so Redis's CPU and network out grow
// with the number of edges, whatever their clients. A cluster at the standard rate (its one edge without clients)
// is read by N more stand-in edges (bus-readers.ts), N stepped up, and Redis's cost measured at each N.

import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { busKeys } from '@tickline/server';
import { type BenchProcess, startBenchChild } from './bench-processes.ts';
import type { BusReadersStats } from './bus-readers.ts';
import { startCluster } from './cluster-under-test.ts';
import type { ClusterWindowStats } from './cluster-window.ts';
import { machineBusy, sampleMachineCpu } from './machine-cpu.ts';
import { isContended, otherCoresUsed } from './contention.ts';
import { coreShare } from './process-stats.ts';

export interface RedisFanOutOptions {
  symbols: number;
  flushMs: number;
  standardRate: number;
  /** Stand-in readers besides the edge, ascending. */
  readerCounts: number[];
  settleMs: number;
  windowMs: number;
  log: (line: string) => void;
}

export interface RedisFanOutStep {
  at: string;
  /** Everything reading the stream: the edge and the stand-ins. */
  readers: number;
  redis: ClusterWindowStats['redis'];
  bus: ClusterWindowStats['bus'];
  feedCpu: number;
  edgeCpu: number;
  readersCpu: number;
  /** Entries each stand-in read per second: the feed node's entries/s when they keep up. */
  entriesPerReaderPerSec: number;
  machineBusy: number;
  otherCores: number;
  contended: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureRedisFanOut(o: RedisFanOutOptions): Promise<RedisFanOutStep[]> {
  const cluster = await startCluster({ symbols: o.symbols, rate: o.standardRate, flushMs: o.flushMs });
  let readers: BenchProcess | undefined;
  const steps: RedisFanOutStep[] = [];
  try {
    readers = await startBenchChild(fileURLToPath(new URL('./bus-readers.ts', import.meta.url)));
    const stream = busKeys().stream;
    for (const count of o.readerCounts) {
      await readers.call('set', { url: cluster.redisUrl, stream, count });
      let step = await measure(count);
      if (step.contended) {
        o.log(`${describe(step)}; contended, measuring again`);
        await sleep(5000);
        step = await measure(count);
      }
      o.log(describe(step));
      steps.push(step);
    }
    return steps;
  } finally {
    await readers?.stop();
    await cluster.stop();
  }

  async function measure(count: number): Promise<RedisFanOutStep> {
    await sleep(o.settleMs);
    const at = new Date().toISOString();
    const [m0, r0] = [sampleMachineCpu(), await readers!.call<BusReadersStats>('stats')];
    await cluster.stats();
    await sleep(o.windowMs);
    const [m1, r1] = [sampleMachineCpu(), await readers!.call<BusReadersStats>('stats')];
    await cluster.stats();
    const w = cluster.lastWindow();
    const busy = machineBusy(m0, m1);
    const readersCpu = coreShare(r0, r1);
    const ours = w.feed.cpuShare + w.edge.cpuShare + w.redis.cpuShare + readersCpu;
    const otherCores = otherCoresUsed(busy, os.cpus().length, ours);
    return {
      at,
      readers: count + 1,
      redis: w.redis,
      bus: w.bus,
      feedCpu: w.feed.cpuShare,
      edgeCpu: w.edge.cpuShare,
      readersCpu,
      entriesPerReaderPerSec: count > 0 ? (r1.entries - r0.entries) / count / ((r1.time - r0.time) / 1000) : 0,
      machineBusy: busy,
      otherCores,
      contended: isContended(otherCores),
    };
  }
}

function describe(s: RedisFanOutStep): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return (
    `redis fan-out, ${s.readers} readers (the edge + ${s.readers - 1}): redis cpu ${pct(s.redis.cpuShare)}, ` +
    `out ${s.redis.netOutKBPerSec.toFixed(0)} KB/s (${s.bus.redisOutBytesPerUpdate.toFixed(0)} B per update), ` +
    `${s.redis.commandsPerSec.toFixed(0)} commands/s, readers cpu ${pct(s.readersCpu)} ` +
    `(${s.entriesPerReaderPerSec.toFixed(1)} entries/s each), machine ${pct(s.machineBusy)}` +
    (s.contended ? ` (CONTENDED: others used ${s.otherCores.toFixed(2)} cores)` : '')
  );
}
