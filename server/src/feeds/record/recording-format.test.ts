import type { Lots, SymbolSpec, Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../feed.ts';
import { eventLine, headerLine, parseRecording } from './recording-format.ts';

const spec: SymbolSpec = {
  symbol: 'AAPL',
  name: 'Apple',
  assetClass: 'equity',
  base: 'AAPL',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
};

describe('recording format', () => {
  it('holds history and mark events, so a replay serves what the recording holds', () => {
    const events: MarketEvent[] = [
      {
        type: 'history',
        symbol: 'AAPL',
        time: 120_000,
        interval: '1m',
        candles: [[60_000, 1 as Ticks, 2 as Ticks, 1 as Ticks, 2 as Ticks, 9 as Lots]],
      },
      { type: 'mark', symbol: 'AAPL', time: 130_000, label: 'replay restarted' },
    ];
    const text = [headerLine([spec], 0), ...events.map((e, i) => eventLine(i, e))].join('\n');
    const parsed = parseRecording(text);
    expect(parsed.malformed).toEqual([]);
    expect(parsed.events.map((r) => r.event)).toEqual(events);
  });

  it('refuses a history with an unknown interval', () => {
    const bad = { t: 1, event: { type: 'history', symbol: 'AAPL', time: 1, interval: '7m', candles: [] } };
    const parsed = parseRecording([headerLine([spec], 0), JSON.stringify(bad)].join('\n'));
    expect(parsed.malformed).toHaveLength(1);
  });
});
