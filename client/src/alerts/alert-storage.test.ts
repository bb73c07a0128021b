import { makeInstrument, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, EURUSD } from '../test-support/fixtures.ts';
import type { Alert } from './alert-model.ts';
import { ALERTS_KEY, readAlerts, readSound, writeAlerts, writeSound, type KeyValueStorage } from './alert-storage.ts';

const instruments = new Map([BTC, EURUSD].map((spec) => [spec.symbol, makeInstrument(spec)]));
const instrumentOf = (symbol: string) => instruments.get(symbol);
const known = (symbol: string) => instruments.get(symbol) ?? makeInstrument(BTC);

function memory(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const alerts: Alert[] = [
  { id: '1', symbol: 'BTC-USD', condition: { kind: 'above', level: 6_425_050 as Ticks }, armedAt: 10 },
  {
    id: '2',
    symbol: 'EUR/USD',
    condition: { kind: 'below', level: 108_001 as Ticks },
    armedAt: 20,
    triggered: { time: 30, price: 107_999 as Ticks },
  },
  {
    id: '3',
    symbol: 'BTC-USD',
    condition: { kind: 'move', direction: 'either', basisPoints: 250, windowMs: 300_000 },
    armedAt: 40,
  },
];

describe('alert storage', () => {
  it('reads back what it wrote, with prices kept as exact decimals', () => {
    const storage = memory();
    expect(writeAlerts(storage, { alerts, foreign: [] }, known)).toBe(true);
    expect(storage.data.get(ALERTS_KEY)).toContain('"level":"64250.50"');
    expect(readAlerts(storage, instrumentOf)).toEqual({ alerts, foreign: [] });
  });

  it('starts empty on missing, unparsable or unknown-version records', () => {
    for (const text of [undefined, '{', 'null', '[]', '{"version":2,"alerts":[]}', '{"version":1}']) {
      const storage = memory(text === undefined ? {} : { [ALERTS_KEY]: text });
      expect(readAlerts(storage, instrumentOf)).toEqual({ alerts: [], foreign: [] });
    }
  });

  it('drops malformed records and keeps the good ones', () => {
    const good = { id: 'g', symbol: 'BTC-USD', condition: { kind: 'below', level: '1.00' }, armedAt: 1 };
    const bad = [
      null,
      'x',
      { id: 'a', symbol: 'BTC-USD', condition: { kind: 'above', level: '1.005' }, armedAt: 1 }, // off the tick grid
      { id: 'b', symbol: 'BTC-USD', condition: { kind: 'above', level: '-1' }, armedAt: 1 },
      { id: 'c', symbol: 'BTC-USD', condition: { kind: 'sideways' }, armedAt: 1 },
      {
        id: 'd',
        symbol: 'BTC-USD',
        condition: { kind: 'move', direction: 'up', basisPoints: 0, windowMs: 1 },
        armedAt: 1,
      },
      { id: 'e', symbol: 'BTC-USD', condition: { kind: 'above', level: '1.00' } },
      { ...good, triggered: { time: 1, price: 5 } },
      { ...good }, // a second record with the same id
    ];
    const storage = memory({ [ALERTS_KEY]: JSON.stringify({ version: 1, alerts: [good, ...bad] }) });
    expect(readAlerts(storage, instrumentOf).alerts).toEqual([
      { id: 'g', symbol: 'BTC-USD', condition: { kind: 'below', level: 100 }, armedAt: 1 },
    ]);
  });

  it('keeps the records of symbols this server does not list, and writes them back untouched', () => {
    const other = { id: 'x', symbol: 'binance:BTCUSDT', condition: { kind: 'above', level: '1.5' }, armedAt: 1 };
    const storage = memory({ [ALERTS_KEY]: JSON.stringify({ version: 1, alerts: [other] }) });
    const read = readAlerts(storage, instrumentOf);
    expect(read).toEqual({ alerts: [], foreign: [other] });
    writeAlerts(storage, { alerts: [alerts[0] as Alert], foreign: read.foreign }, known);
    expect(readAlerts(storage, instrumentOf).foreign).toEqual([other]);
  });

  it('a storage that throws neither loses the page its alerts nor fails it', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(readAlerts(broken, instrumentOf)).toEqual({ alerts: [], foreign: [] });
    expect(writeAlerts(broken, { alerts, foreign: [] }, known)).toBe(false);
    expect(readSound(broken)).toBe(false);
    expect(() => writeSound(broken, true)).not.toThrow();
  });

  it('remembers the sound setting, off by default', () => {
    const storage = memory();
    expect(readSound(storage)).toBe(false);
    writeSound(storage, true);
    expect(readSound(storage)).toBe(true);
  });
});
