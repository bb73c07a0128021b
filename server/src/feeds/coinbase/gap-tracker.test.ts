import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GapTracker, type SequencedChannel, type Verdict } from './gap-tracker.ts';

/** A tracker that has seen trade `id` as the start of a subscription. */
function trackerAt(id: number): GapTracker {
  const t = new GapTracker();
  t.match(id, true);
  return t;
}

const startId = fc.integer({ min: 1, max: 1_000_000 });

describe('GapTracker', () => {
  it('sees no gap and no duplicate in consecutive trade ids, whatever heartbeats come between', () => {
    fc.assert(
      fc.property(startId, fc.array(fc.boolean(), { maxLength: 80 }), (start, beats) => {
        const t = trackerAt(start);
        let id = start;
        const verdicts: Verdict[] = [];
        for (const beat of beats) verdicts.push(beat ? t.heartbeat(id) : t.match(++id));
        expect(verdicts.every((v) => v === 'new')).toBe(true);
      }),
    );
  });

  it('reports a gap at the first match after skipped trade ids, and only there', () => {
    fc.assert(
      fc.property(startId, fc.nat(30), fc.integer({ min: 1, max: 5 }), fc.nat(30), (start, before, skip, after) => {
        const t = trackerAt(start);
        let id = start;
        const verdicts: Verdict[] = [];
        for (let i = 0; i < before; i++) verdicts.push(t.match(++id));
        id += skip;
        verdicts.push(t.match(++id));
        for (let i = 0; i < after; i++) verdicts.push(t.match(++id));
        expect(verdicts.map((v, i) => (v === 'gap' ? i : -1)).filter((i) => i >= 0)).toEqual([before]);
      }),
    );
  });

  it('reports a gap when a heartbeat names a trade beyond the last match', () => {
    const t = trackerAt(100);
    expect(t.heartbeat(100)).toBe('new');
    expect(t.heartbeat(102)).toBe('gap');
  });

  it('calls every trade id already passed on a duplicate, and is not moved by it', () => {
    fc.assert(
      fc.property(
        startId,
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (start, n, picks) => {
          const t = trackerAt(start);
          for (let i = 1; i <= n; i++) t.match(start + i);
          for (const p of picks) expect(t.match(start + (p % (n + 1)))).toBe('duplicate');
          expect(t.match(start + n + 1)).toBe('new');
        },
      ),
    );
  });

  it('takes the first trade after a resubscribe as a new baseline, keeping old trades duplicates', () => {
    const t = trackerAt(10);
    t.match(11);
    t.rebase();
    expect(t.heartbeat(50)).toBe('new');
    expect(t.match(48, true)).toBe('new'); // the last_match we never passed on
    expect(t.match(11)).toBe('duplicate');
    expect(t.match(51)).toBe('new');
    expect(t.heartbeat(53)).toBe('gap');
  });

  it('never sees a gap in last_match, and passes it on only once', () => {
    const t = trackerAt(10);
    expect(t.match(20, true)).toBe('new');
    expect(t.match(20, true)).toBe('duplicate');
    expect(t.match(21)).toBe('new');
  });

  it('accepts per channel only sequences that move forward; heartbeats may repeat one', () => {
    const channel = fc.constantFrom<SequencedChannel>('match', 'ticker', 'heartbeat');
    fc.assert(
      fc.property(fc.array(fc.tuple(channel, fc.nat({ max: 50 })), { maxLength: 60 }), (messages) => {
        const t = new GapTracker();
        const accepted = new Map<SequencedChannel, number[]>();
        for (const [c, seq] of messages) if (t.inOrder(c, seq)) accepted.set(c, [...(accepted.get(c) ?? []), seq]);
        for (const [c, seqs] of accepted) {
          for (let i = 1; i < seqs.length; i++) {
            const [prev, next] = [seqs[i - 1] as number, seqs[i] as number];
            expect(c === 'heartbeat' ? next >= prev : next > prev).toBe(true);
          }
        }
      }),
    );
  });
});
