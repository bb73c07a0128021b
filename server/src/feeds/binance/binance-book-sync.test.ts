import { ASK, BID, type BookLevels, type LevelUpdate, type Lots, OrderBook, type Ticks } from '@tickline/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinanceBookSync, type BookSyncOutput, type DepthDiff, type DepthSnapshot } from './binance-book-sync.ts';

const up = (side: 0 | 1, price: number, size: number): LevelUpdate => [side, price as Ticks, size as Lots];
const diff = (first: number, last: number, updates: LevelUpdate[] = [up(BID, 100, last)]): DepthDiff => ({
  first,
  last,
  time: last,
  updates,
});
const snap = (lastUpdateId: number): DepthSnapshot => ({
  lastUpdateId,
  bids: [[100 as Ticks, 1 as Lots]],
  asks: [[101 as Ticks, 1 as Lots]],
});

function machine() {
  const outputs: BookSyncOutput[] = [];
  const sync = new BinanceBookSync('binance:BTCUSDT', (o) => outputs.push(o), 50);
  const take = () => outputs.splice(0).map((o) => (o.type === 'book:delta' ? `delta ${o.time}` : o.type));
  return { sync, outputs, take };
}

describe('BinanceBookSync', () => {
  it('asks for a snapshot once diffs are buffering, then emits it and the diffs that follow it', () => {
    const { sync, take } = machine();
    sync.diff(diff(10, 12));
    expect(take()).toEqual(['fetch-snapshot']);
    sync.diff(diff(13, 13));
    sync.diff(diff(14, 16));
    sync.snapshot(1, snap(13));
    // 10..12 and 13..13 are in the snapshot; 14..16 continues it.
    expect(take()).toEqual(['book:snapshot', 'delta 16', 'synced']);
    sync.diff(diff(17, 17));
    expect(take()).toEqual(['delta 17']);
    expect(sync.phase).toBe('live');
  });

  it('fetches again when the snapshot is older than the buffered diffs', () => {
    const { sync, take } = machine();
    sync.diff(diff(10, 12));
    sync.snapshot(1, snap(8)); // update 9 is in neither
    expect(take()).toEqual(['fetch-snapshot', 'resync', 'fetch-snapshot']);
    sync.snapshot(1, snap(20)); // the first request was superseded
    expect(take()).toEqual([]);
    sync.snapshot(2, snap(9));
    expect(take()).toEqual(['book:snapshot', 'delta 12', 'synced']);
  });

  it('holds a snapshot newer than every buffered diff until a diff continues it', () => {
    const { sync, take } = machine();
    sync.diff(diff(10, 12));
    sync.snapshot(1, snap(15));
    expect(take()).toEqual(['fetch-snapshot']);
    expect(sync.phase).toBe('bridging');
    sync.diff(diff(13, 15));
    expect(take()).toEqual([]);
    sync.diff(diff(15, 17)); // overlapping the snapshot is fine: U <= lastUpdateId + 1 <= u
    expect(take()).toEqual(['book:snapshot', 'delta 17', 'synced']);
  });

  it('ignores duplicate and stale diffs once live', () => {
    const { sync, take } = machine();
    sync.diff(diff(10, 12));
    sync.snapshot(1, snap(11));
    sync.diff(diff(13, 14));
    take();
    for (const d of [diff(13, 14), diff(10, 12), diff(14, 14)]) sync.diff(d);
    expect(take()).toEqual([]);
    expect(sync.updateId).toBe(14);
  });

  it('resyncs on a gap and keeps the diff that revealed it for the next snapshot', () => {
    const { sync, take } = machine();
    sync.diff(diff(10, 12));
    sync.snapshot(1, snap(11));
    take();
    sync.diff(diff(15, 16));
    expect(take()).toEqual(['resync', 'fetch-snapshot']);
    expect(sync.phase).toBe('waiting');
    sync.snapshot(2, snap(15));
    expect(take()).toEqual(['book:snapshot', 'delta 16', 'synced']);
  });

  it('rebuilds a live book at once when a diff was lost on our side, and only a live one', () => {
    const { sync, take } = machine();
    sync.invalidate('unreadable diff');
    expect(take()).toEqual([]);
    sync.diff(diff(10, 12));
    sync.invalidate('unreadable diff'); // waiting: the buffer shows the hole when played
    expect(take()).toEqual(['fetch-snapshot']);
    sync.snapshot(1, snap(11));
    take();
    sync.invalidate('unreadable diff');
    expect(take()).toEqual(['resync', 'fetch-snapshot']);
    expect(sync.phase).toBe('waiting');
    sync.diff(diff(15, 16));
    sync.snapshot(2, snap(14));
    expect(take()).toEqual(['book:snapshot', 'delta 16', 'synced']);
  });

  it('starts over after a reset, and drops a snapshot requested before it', () => {
    const { sync, take } = machine();
    sync.diff(diff(10, 12));
    sync.reset();
    sync.snapshot(1, snap(11));
    expect(take()).toEqual(['fetch-snapshot']);
    expect(sync.phase).toBe('idle');
    sync.diff(diff(30, 30));
    expect(take()).toEqual(['fetch-snapshot']);
    expect(sync.pendingRequest).not.toBe(1);
  });
});

// A model venue: an update-id numbered history of book states, and a stream of diffs between them.
interface Venue {
  diffs: DepthDiff[];
  /** states[i] is the book after diffs[0..i-1]; its update id is ids[i]. */
  states: BookLevels[];
  ids: number[];
}

const change = fc.tuple(fc.constantFrom(BID, ASK), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 3 }));
const venueArb = fc
  .record({
    start: fc.integer({ min: 1, max: 1_000_000 }),
    initial: fc.array(change, { maxLength: 10 }),
    steps: fc.array(
      fc.record({ span: fc.integer({ min: 1, max: 3 }), changes: fc.array(change, { minLength: 1, maxLength: 4 }) }),
      { minLength: 1, maxLength: 40 },
    ),
  })
  .map(({ start, initial, steps }): Venue => {
    const book = new OrderBook();
    // Bids sit at 1..8, asks at 11..18: never crossed, with room for removals and re-inserts.
    const place = ([side, p, s]: [0 | 1, number, number]) => up(side, side === BID ? p : 10 + p, s);
    book.applyDelta(initial.map(place));
    const states = [book.top(100)];
    const ids = [start];
    const diffs: DepthDiff[] = [];
    let id = start;
    for (const step of steps) {
      const updates = step.changes.map(place);
      book.applyDelta(updates);
      diffs.push({ first: id + 1, last: id + step.span, time: id + step.span, updates });
      id += step.span;
      states.push(book.top(100));
      ids.push(id);
    }
    return { diffs, states, ids };
  });

// What reaches the machine: the stream from some point on, with events lost, repeated or late, and the snapshot
// answered at any moment with a state that may be older (age > 0) or newer (age < 0) than the stream.
type Op = { op: 'next' } | { op: 'drop' } | { op: 'repeat'; back: number } | { op: 'snapshot'; age: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ op: 'next' as const }), weight: 16 },
  { arbitrary: fc.constant({ op: 'drop' as const }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('repeat' as const), back: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('snapshot' as const), age: fc.integer({ min: -2, max: 4 }) }), weight: 5 },
);

function run(venue: Venue, from: number, ops: readonly Op[]) {
  const book = new OrderBook();
  let live = false;
  let haveSnapshot = false;
  const sync = new BinanceBookSync('S', (o) => {
    switch (o.type) {
      case 'book:snapshot':
        haveSnapshot = true;
        book.applySnapshot(o);
        return;
      case 'book:delta':
        expect(haveSnapshot, 'a delta before its snapshot').toBe(true);
        book.applyDelta(o.updates);
        return;
      case 'synced':
        live = true;
        return;
      case 'resync':
        live = false;
        haveSnapshot = false;
        return;
    }
  });
  let next = Math.min(from, venue.diffs.length - 1);
  for (const step of ops) {
    if (step.op === 'next' && next < venue.diffs.length) sync.diff(venue.diffs[next++] as DepthDiff);
    if (step.op === 'drop') next = Math.min(next + 1, venue.diffs.length);
    if (step.op === 'repeat' && next - step.back >= 0) sync.diff(venue.diffs[next - step.back] as DepthDiff);
    const request = sync.pendingRequest;
    if (step.op === 'snapshot' && request !== undefined) {
      const i = Math.max(0, Math.min(venue.states.length - 1, next - step.age));
      sync.snapshot(request, { lastUpdateId: venue.ids[i] as number, ...(venue.states[i] as BookLevels) });
    }
    if (live) {
      const i = venue.ids.indexOf(sync.updateId);
      expect(i, 'the book is at an update id the venue had').toBeGreaterThanOrEqual(0);
      expect(book.top(100)).toEqual(venue.states[i]);
    }
  }
  return { sync, book, live: () => live };
}

describe('BinanceBookSync properties', () => {
  it('whatever the stream and the snapshot timing, a live book is exactly the venue book at its update id', () => {
    fc.assert(
      fc.property(venueArb, fc.nat(8), fc.array(opArb, { minLength: 10, maxLength: 80 }), (venue, from, ops) => {
        run(venue, from, ops);
      }),
      { numRuns: 400 },
    );
  });

  it('with a whole stream and a snapshot no older than it, the book ends live and equal to the venue', () => {
    // age 1 is the state just before the first diff delivered; lower ages are newer snapshots.
    fc.assert(
      fc.property(venueArb, fc.nat(8), fc.integer({ min: -3, max: 1 }), (venue, from, age) => {
        const ops: Op[] = [{ op: 'next' }, { op: 'snapshot', age }];
        for (let i = 1; i < venue.diffs.length; i++) ops.push({ op: 'next' });
        const r = run(venue, from, ops);
        // A snapshot of the venue's newest state has no later diff to continue it: it waits, correctly.
        if (r.sync.phase === 'bridging') expect(r.sync.updateId).toBe(venue.ids[venue.ids.length - 1]);
        else {
          expect(r.live()).toBe(true);
          expect(r.book.top(100)).toEqual(venue.states[venue.states.length - 1]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
