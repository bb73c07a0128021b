// What every bench server shares: its settings from run.ts, and the IPC ops run.ts drives it with
// (stats, rate, close). Each server is its own process so its CPU and memory are its own.

import { announceReady, serveIpc } from '../bench-ipc.ts';
import type { FixedSchedule, ScheduleCounters, Traffic } from '../fixed-schedule.ts';
import { type ProcessStats, processStatsReader } from '../process-stats.ts';

export interface ServerArgs {
  symbols: number;
  /** Offered updates per second at start. */
  rate: number;
  /** Tickline only. */
  flushMs: number;
  /** Tickline only: `fixed` flushes only every flushMs; adaptive (the default, as npm start runs) also on change. */
  flushMode?: 'adaptive' | 'fixed';
  /** Tickline only: the slow-consumer cap; absent = Tickline's default, null = no cap. */
  maxQueuedBytes?: number | null;
  /** What the schedule offers: trades only (the default), or book level changes and trades. */
  traffic?: Traffic;
}

export interface ServerStats extends ProcessStats {
  schedule: ScheduleCounters;
  clients: number;
  /** Connections the server cut as slow consumers. */
  dropped: number;
}

export function readServerArgs(): ServerArgs {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: <server>.ts \'{"symbols":50,"rate":1000,"flushMs":50}\'');
  return JSON.parse(raw) as ServerArgs;
}

export interface ServerUnderTest {
  port: number;
  schedule(): FixedSchedule | undefined;
  clients(): number;
  dropped(): number;
  close(): Promise<void>;
}

export function serveControl(server: ServerUnderTest): void {
  // Two readers, each with its own event-loop histogram: measured windows (`stats`) and periodic samples
  // (`sample`) can interleave without resetting each other's.
  const readers = { window: processStatsReader(), sample: processStatsReader() };
  const stats = (reader: () => ProcessStats = readers.window): ServerStats => {
    const counters = server.schedule()?.counters() ?? { rate: 0, emitted: 0, skipped: 0, worstLagMs: 0 };
    return { ...reader(), schedule: counters, clients: server.clients(), dropped: server.dropped() };
  };
  serveIpc({
    stats: () => stats(),
    sample: () => stats(readers.sample),
    rate: (args: { rate: number }) => {
      server.schedule()?.setRate(args.rate);
      return stats();
    },
    gc: () => {
      globalThis.gc?.();
      return stats(readers.sample);
    },
    close: async () => {
      await server.close();
      setTimeout(() => process.exit(0), 50);
      return true;
    },
  });
  announceReady({ port: server.port, pid: process.pid });
}
