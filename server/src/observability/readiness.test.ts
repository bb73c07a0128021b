import type { SymbolSpec, SymbolStatus } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { FeedHealth, FeedStatus } from '../feeds/feed.ts';
import type { SymbolDescription } from '../hub/market-view.ts';
import { edgeReadiness, sequencerReadiness } from './readiness.ts';

const feed = (id: string, status: FeedStatus) => ({ id, health: () => ({ status }) as FeedHealth });

/** A market view of symbols each with a status, or not loaded, or loaded but with nothing published (seq 0). */
function view(symbols: Record<string, SymbolStatus | 'not loaded' | 'seq 0'>) {
  return {
    specs: () => Object.keys(symbols).map((symbol) => ({ symbol }) as SymbolSpec),
    ready: (list: readonly string[]) => list.every((s) => symbols[s] !== 'not loaded'),
    describe: (symbol: string) => {
      const state = symbols[symbol];
      return { seq: state === 'seq 0' ? 0 : 5, status: state === 'seq 0' ? 'live' : state } as SymbolDescription;
    },
  };
}

describe('sequencerReadiness', () => {
  it('is ready when every feed is live and every symbol has a live book', () => {
    expect(sequencerReadiness([feed('sim', 'live')], view({ A: 'live', B: 'live' }), 0)).toEqual([]);
  });

  it('says which feed is not connected and which symbols are not live', () => {
    const reasons = sequencerReadiness(
      [feed('sim', 'live'), feed('binance', 'reconnecting')],
      view({ A: 'live', 'binance:BTCUSDT': 'seq 0', B: 'stale', C: 'halted' }),
      0,
    );
    expect(reasons).toEqual([
      'feed binance is reconnecting',
      'binance:BTCUSDT has no data yet',
      'B is stale',
      'C is halted',
    ]);
  });
});

describe('edgeReadiness', () => {
  it('is not ready before the shard is loaded from the bus', () => {
    expect(edgeReadiness({ loaded: false, feedHeard: false }, view({}), 0)).toEqual([
      'the market is not loaded from the bus yet',
    ]);
  });

  it('is ready once loaded, every replica synced and the feed node heard', () => {
    expect(edgeReadiness({ loaded: true, feedHeard: true }, view({ A: 'live' }), 0)).toEqual([]);
  });

  it('says the feed node is silent once, not once per stale symbol, and names replicas still loading', () => {
    const reasons = edgeReadiness({ loaded: true, feedHeard: false }, view({ A: 'stale', B: 'not loaded' }), 0);
    expect(reasons).toEqual(['the feed node is not heard on the bus', 'B has no data yet']);
  });
});
