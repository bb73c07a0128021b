// Measures the sim feed: event rates per symbol, book shape as a replica sees it, and CPU per second of market.
// Run: node --import tsx server/src/feeds/sim/sim-bench.ts [seconds=60] [seed=1] [rate=1]

import { OrderBook, type LevelUpdate } from '@tickline/shared';
import type { MarketEvent } from '../feed.ts';
import { createSimSession } from './sim-session.ts';

interface Tally {
  trades: number;
  changes: number;
  deltas: number;
  depth: number;
  spread: number;
  samples: number;
  book: OrderBook;
}

const [seconds = 60, seed = 1, rate = 1] = process.argv.slice(2).map(Number);
const session = createSimSession({ seed, rate });
const tallies = new Map<string, Tally>();
const tally = (symbol: string): Tally => {
  let t = tallies.get(symbol);
  if (!t)
    tallies.set(
      symbol,
      (t = { trades: 0, changes: 0, deltas: 0, depth: 0, spread: 0, samples: 0, book: new OrderBook() }),
    );
  return t;
};
let events = 0;
// The sink a hub would be: counts and keeps a replica, nothing more, so the timing is the feed's own.
const sink = (e: MarketEvent) => {
  events++;
  const t = tally(e.symbol);
  if (e.type === 'trade') t.trades++;
  else if (e.type === 'book:snapshot') t.book.applySnapshot(e);
  else if (e.type === 'book:delta') {
    t.deltas++;
    t.changes += e.updates.length;
    t.book.applyDelta(e.updates as LevelUpdate[]);
  }
};

session.snapshot(0, sink);
const steps = Math.round((seconds * 1000) / session.stepMs);
let busyUs = 0;
for (let i = 1; i <= steps; i++) {
  const before = process.cpuUsage();
  session.step(i * session.stepMs, sink);
  const used = process.cpuUsage(before);
  busyUs += used.user + used.system;
  // Sample the replica once a second of virtual time, outside the timed part.
  if (i % Math.round(1000 / session.stepMs) === 0) {
    for (const t of tallies.values()) {
      t.depth += (t.book.depth(0) + t.book.depth(1)) / 2;
      t.spread += t.book.spread() ?? 0;
      t.samples++;
    }
  }
}

const fmt = (n: number, d = 1) => n.toFixed(d).padStart(7);
console.log(`seed ${seed}, rate ${rate}, ${seconds} s of virtual time, ${steps} steps of ${session.stepMs} ms`);
console.log('symbol      trades/s  changes/s  deltas/s  levels/side  spread(ticks)');
for (const [symbol, t] of tallies) {
  console.log(
    `${symbol.padEnd(10)} ${fmt(t.trades / seconds)}   ${fmt(t.changes / seconds)}  ${fmt(t.deltas / seconds)}  ` +
      `${fmt(t.depth / t.samples)}      ${fmt(t.spread / t.samples)}`,
  );
}
const cpuMs = busyUs / 1000;
console.log(
  `${events} events; CPU ${cpuMs.toFixed(0)} ms for ${seconds} s of market = ` +
    `${((cpuMs / (seconds * 1000)) * 100).toFixed(2)}% of one core for all ${tallies.size} symbols`,
);
