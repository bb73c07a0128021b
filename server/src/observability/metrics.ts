// The server's Prometheus metrics: one Registry per server (not prom-client's global one, so a test process can
// run several servers), plus Node's default metrics (event-loop delay, heap, GC, CPU) and the flush loop's own.
// The stream, feed and bus metrics are registered on it by stream-metrics.ts, feed-metrics.ts and bus-metrics.ts.

import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { FlushObserver } from '../hub/flush-loop.ts';
import type { ThrottledLog } from './throttled-log.ts';

export interface Metrics {
  readonly registry: Registry;
  readonly flushDuration: Histogram;
  readonly flushErrors: Counter;
  /** The exposition text and its content type, for GET /metrics. */
  scrape(): Promise<MetricsText>;
}

export interface MetricsText {
  contentType: string;
  body: string;
}

// Node's default metrics describe the process, not a server: collected once per process (each collection keeps an
// event-loop monitor and a GC observer running for good) and merged into every server's scrape.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const flushDuration = new Histogram({
    name: 'tickline_flush_duration_seconds',
    help: 'Time one flush takes: sequencing what changed, encoding it, and handing it on (fan-out or bus)',
    // A flush every 50 ms by default: anything near that is a server falling behind.
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [registry],
  });
  const flushErrors = new Counter({
    name: 'tickline_flush_errors_total',
    help: 'Flushes (or fan-outs of one) that threw; the error is logged and the next flush runs',
    registers: [registry],
  });
  return {
    registry,
    flushDuration,
    flushErrors,
    async scrape() {
      const merged = Registry.merge([processMetrics(), registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}

/** What the flush loop and the fan-out report to: durations observed, errors counted and logged (throttled). */
export function flushObserver(metrics: Metrics, log: ThrottledLog): FlushObserver {
  return {
    duration: (seconds) => metrics.flushDuration.observe(seconds),
    failed(err) {
      metrics.flushErrors.inc();
      log.error('flush', 'a flush failed; the next one runs as usual', err);
    },
  };
}
