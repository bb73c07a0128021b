// Metrics read at scrape time from counters the server keeps anyway (StreamStats, FeedHealth, the bus's stats):
// nothing is added to the hot paths, and a scrape costs one pass over those counters.

import { Counter, Gauge, type Registry } from 'prom-client';

/** One sample: its label values (none for an unlabelled metric) and its value. */
export type Sample<L extends string> = readonly [labels: Partial<Record<L, string>>, value: number];

interface Collected<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  /** The current values, read when Prometheus scrapes. */
  read: () => Iterable<Sample<L>>;
}

/** A counter whose value is a running total kept elsewhere (it only ever grows there). */
export function collectedCounter<L extends string>(
  registry: Registry,
  { name, help, labelNames = [], read }: Collected<L>,
): void {
  new Counter<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.inc(labels, value);
    },
  });
}

/** A gauge whose value is read when Prometheus scrapes. */
export function collectedGauge<L extends string>(
  registry: Registry,
  { name, help, labelNames = [], read }: Collected<L>,
): void {
  new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.set(labels, value);
    },
  });
}
