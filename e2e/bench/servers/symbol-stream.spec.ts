// The batched-ws baseline must carry Tickline's own messages: for the same feed events, a SymbolStream's encoded
// updates are byte for byte the ones Tickline's hub publishes.

import { encodeUpdate, type Lots, makeInstrument, type Ticks } from '@tickline/shared';
import { MarketHub, type MarketEvent } from '@tickline/server';
import { describe, expect, it } from 'vitest';
import { createUpdateSource, hash, symbolName, type Traffic } from '../fixed-schedule.ts';
import { flatBook, seedBook } from '../synthetic-book.ts';
import { syntheticSpec } from '../synthetic-feed.ts';
import { STANDARD_HUB_OPTIONS } from './standard-options.ts';
import { SymbolStream } from './symbol-stream.ts';

const SYMBOLS = 3;

/**
 * Runs the same schedule through Tickline's hub and through SymbolStreams; returns both sides' JSON, flush by flush
 * (within a flush in stream id order: the hub lists the symbols in the order they changed).
 */
function bothSides(traffic: Traffic, updates: number): { hub: string[][]; stream: string[][]; rejected: number } {
  let now = 1_000_000;
  const hub = new MarketHub({ ...STANDARD_HUB_OPTIONS, depth: STANDARD_HUB_OPTIONS.bookDepth }, () => now);
  const names = Array.from({ length: SYMBOLS }, (_, i) => symbolName(i));
  hub.addSymbols(names.map(syntheticSpec));
  const seed = traffic === 'book' ? seedBook() : flatBook();
  const streams = names.map((name) => {
    const s = new SymbolStream(name, makeInstrument(syntheticSpec(name)), STANDARD_HUB_OPTIONS.bookDepth);
    s.snapshot(seed);
    return s;
  });
  for (const symbol of names) hub.ingest({ type: 'book:snapshot', symbol, time: now, ...seed });

  const out = { hub: [] as string[][], stream: [] as string[][] };
  const flush = () => {
    now += 7;
    const fromHub = hub.flush(now).sort((a, b) => hub.sidOf(a.symbol)! - hub.sidOf(b.symbol)!);
    out.hub.push(fromHub.map((u) => JSON.stringify(encodeUpdate(u, hub.sidOf(u.symbol)!))));
    const fromStreams = streams.map((s, i) => [s.flush(now), i] as const).filter(([u]) => u !== undefined);
    out.stream.push(fromStreams.map(([u, i]) => JSON.stringify(encodeUpdate(u!, i))));
  };
  flush();
  const source = createUpdateSource(SYMBOLS, traffic);
  for (let k = 0; k < updates; k++) {
    const u = source.update(k, now + 0.25 + (k % 5));
    const symbol = names[u.symbol]!;
    const price = u.price as Ticks;
    const size = u.size as Lots;
    const event: MarketEvent =
      u.type === 'trade'
        ? { type: 'trade', symbol, time: u.time, price, size, aggressor: u.side }
        : { type: 'book:delta', symbol, time: u.time, updates: [[u.side, price, size]] };
    hub.ingest(event);
    if (u.type === 'trade') streams[u.symbol]!.trade(price, size, u.side, u.time);
    else streams[u.symbol]!.level(u.side, price, size);
    // Flushes between 0 and 12 updates apart, some symbols with nothing new in them.
    if (hash(k) % 6 === 0) flush();
  }
  flush();
  return { ...out, rejected: hub.stats.eventsRejected };
}

describe('SymbolStream', () => {
  it('encodes the updates Tickline sends under book traffic: the same book changes, checksums and trades', () => {
    const { hub, stream, rejected } = bothSides('book', 6000);
    expect(rejected).toBe(0);
    expect(hub.flat().length).toBeGreaterThan(1500);
    expect(hub.flat().filter((json) => json.includes('"c":')).length).toBeGreaterThan(1000);
    expect(stream).toEqual(hub);
  });

  it('encodes the updates Tickline sends under trade traffic', () => {
    const { hub, stream } = bothSides('trades', 3000);
    expect(stream).toEqual(hub);
  });

  it('gives a subscriber the published book as of its seq', () => {
    const s = new SymbolStream('SYM00', makeInstrument(syntheticSpec('SYM00')), 25);
    s.snapshot(seedBook());
    expect(s.state().seq).toBe(0);
    s.flush(1);
    s.level(0, 99_999 as Ticks, 0 as Lots);
    expect(s.state()).toMatchObject({ seq: 1, book: seedBook() });
  });
});
