import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../feed.ts';
import { specFromIncrements } from '../kit/venue-numbers.ts';
import { type ProductMessage, ProductStream } from './product-stream.ts';

const spec = specFromIncrements({
  symbol: 'coinbase:BTC-USD',
  name: 'BTC-USD',
  assetClass: 'crypto',
  base: 'BTC',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '0.00000001',
});
const T = '2024-05-01T12:00:00.123456Z';
const NOW = 1_700_000_000_000;

const snapshot: ProductMessage = {
  type: 'snapshot',
  product_id: 'BTC-USD',
  bids: [['100.00', '1']],
  asks: [['100.01', '2']],
};
const delta: ProductMessage = { type: 'l2update', product_id: 'BTC-USD', time: T, changes: [['buy', '100.00', '3']] };
const match = (tradeId: number, sequence = tradeId, type: 'match' | 'last_match' = 'match'): ProductMessage => ({
  type,
  trade_id: tradeId,
  sequence,
  maker_order_id: 'm',
  taker_order_id: 't',
  time: T,
  product_id: 'BTC-USD',
  size: '0.5',
  price: '100.01',
  side: 'sell',
});
const heartbeat = (lastTradeId: number, sequence = lastTradeId): ProductMessage => ({
  type: 'heartbeat',
  sequence,
  last_trade_id: lastTradeId,
  product_id: 'BTC-USD',
  time: T,
});

/** A stream fed `messages` after a subscribe; the events it produced and the resync reasons it gave. */
function run(messages: ProductMessage[], stream = new ProductStream('BTC-USD', spec)) {
  const events: MarketEvent[] = [];
  const resyncs: string[] = [];
  stream.subscribing();
  for (const m of messages) {
    const reason = stream.receive(m, NOW, events);
    if (reason) {
      resyncs.push(reason);
      stream.beginResync(NOW, events);
    }
  }
  return { stream, events, resyncs, types: events.map((e) => (e.type === 'status' ? `status:${e.status}` : e.type)) };
}

describe('ProductStream', () => {
  it('drops deltas until its snapshot, then applies them and is live', () => {
    const { types, stream } = run([delta, snapshot, delta]);
    expect(types).toEqual(['book:snapshot', 'status:live', 'book:delta']);
    expect(stream.live).toBe(true);
  });

  it('passes last_match and new matches on once, and replays not at all', () => {
    const { types, resyncs } = run([snapshot, match(7, 7, 'last_match'), match(8), match(8), match(7), heartbeat(8)]);
    expect(types.filter((t) => t === 'trade')).toHaveLength(2);
    expect(resyncs).toEqual([]);
  });

  it('asks for a resync when a heartbeat shows missed trades, stale until the next snapshot', () => {
    const { types, resyncs, stream } = run([snapshot, match(7, 7, 'last_match'), heartbeat(9), delta]);
    expect(resyncs).toEqual(['heartbeat names trade 9, which never arrived']);
    expect(types).toEqual(['book:snapshot', 'status:live', 'trade', 'status:stale']);
    expect(stream.live).toBe(false);
    const after = run([heartbeat(12), snapshot, delta], stream);
    expect(after.resyncs).toEqual([]);
    expect(after.types).toEqual(['book:snapshot', 'status:live', 'book:delta']);
  });

  it('passes on a match that reveals a gap, then asks for a resync', () => {
    const { types, resyncs } = run([snapshot, match(7, 7, 'last_match'), match(9)]);
    expect(types.slice(-2)).toEqual(['trade', 'status:stale']);
    expect(resyncs).toHaveLength(1);
  });

  it('announces each status once, and nothing after the venue refuses the product', () => {
    const stream = new ProductStream('BTC-USD', spec);
    const out: MarketEvent[] = [];
    stream.disconnected(NOW, out);
    stream.disconnected(NOW, out);
    stream.refuse(NOW, out);
    stream.receive(snapshot, NOW, out);
    expect(out.map((e) => e.type === 'status' && e.status)).toEqual(['reconnecting', 'halted']);
  });

  it('throws on a value off the grid before producing or remembering anything', () => {
    const { stream, events } = run([snapshot]);
    const bad = { ...match(8), price: '100.005' };
    expect(() => stream.receive(bad, NOW, events)).toThrow(RangeError);
    expect(events.map((e) => e.type)).toEqual(['book:snapshot', 'status']);
    expect(stream.receive(match(8), NOW, events)).toBeUndefined();
    expect(events.at(-1)?.type).toBe('trade');
  });

  it('never emits a delta that no snapshot of the current subscription precedes, whatever arrives', () => {
    const message = fc.constantFrom<ProductMessage | 'resubscribe'>(snapshot, delta, match(5), heartbeat(9));
    const anything = fc.oneof(message, fc.constant('resubscribe' as const));
    fc.assert(
      fc.property(fc.array(anything, { maxLength: 40 }), (messages) => {
        const stream = new ProductStream('BTC-USD', spec);
        const events: MarketEvent[] = [];
        let haveBook = false;
        stream.subscribing();
        for (const m of messages) {
          if (m === 'resubscribe') {
            stream.subscribing();
            haveBook = false;
            continue;
          }
          const before = events.length;
          if (stream.receive(m, NOW, events)) stream.beginResync(NOW, events);
          for (const e of events.slice(before)) {
            if (e.type === 'book:snapshot') haveBook = true;
            if (e.type === 'status' && e.status === 'stale') haveBook = false;
            if (e.type === 'book:delta') expect(haveBook).toBe(true);
          }
        }
      }),
    );
  });
});
