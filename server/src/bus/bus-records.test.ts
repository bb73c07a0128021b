import type { SymbolSnapshot, Ticks, WireUpdate } from '@tickline/shared';
import { EMPTY_TICKER } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import {
  entryFields,
  parseEntry,
  parseMeta,
  parseSnapshotRecord,
  parseWireUpdate,
  snapshotRecordValue,
} from './bus-records.ts';

const snapshot: SymbolSnapshot = {
  symbol: 'AAPL',
  epoch: 7,
  sid: 2,
  seq: 40,
  time: 1000,
  depth: 5,
  book: { bids: [[100 as Ticks, 3 as never]], asks: [] },
  checksum: 123,
  status: 'live',
  trades: [[40000, 100 as Ticks, 1 as never, 0, 990]],
  candleIntervalMs: 5000,
  candles: [[0, 100 as Ticks, 100 as Ticks, 100 as Ticks, 100 as Ticks, 1 as never]],
  ticker: { ...EMPTY_TICKER, last: 100 as Ticks },
};

describe('bus entries', () => {
  it('carry the epoch, the flush time and each update as the wire JSON clients get', () => {
    const wire: WireUpdate = [2, 41, { b: [100, 0], c: 9 }, 0, 100, 3];
    const fields = entryFields(7, 1050, 'data', [wire]);
    expect(fields).toEqual(['e', '7', 't', '1050', '2', JSON.stringify(wire)]);
    expect(parseEntry(fields)).toEqual({
      epoch: 7,
      time: 1050,
      kind: 'data',
      updates: [{ sid: 2, json: JSON.stringify(wire) }],
    });
  });

  it('mark heartbeats and epoch starts', () => {
    expect(parseEntry(entryFields(7, 1, 'beat', []))).toMatchObject({ kind: 'beat', updates: [] });
    expect(parseEntry(entryFields(8, 1, 'start', []))).toMatchObject({ kind: 'start', epoch: 8 });
  });

  it.each([
    [['e', '7', 't'], 'odd number of fields'],
    [['t', '5'], 'no epoch'],
    [['e', 'x', 't', '5'], 'no epoch'],
    [['e', '7'], 'no time'],
    [['e', '7', 't', '5', 'k', 'boom'], 'unknown kind boom'],
    [['e', '7', 't', '5', 'evil', '[]'], 'unknown field evil'],
  ])('name what is wrong with a corrupted entry %j', (fields, reason) => {
    expect(parseEntry(fields)).toBe(reason);
  });

  it('refuse an update that is not the wire form of the stream id it is filed under', () => {
    expect(parseWireUpdate('[2,41,0,100,3]', 2)).toEqual([2, 41, 0, 100, 3]);
    expect(parseWireUpdate('[3,41]', 2)).toBeUndefined();
    expect(parseWireUpdate('[2,"x"]', 2)).toBeUndefined();
    expect(parseWireUpdate('[2,41', 2)).toBeUndefined();
    expect(parseWireUpdate('{"a":1}', 2)).toBeUndefined();
  });
});

describe('snapshot records', () => {
  it('read back the snapshot and the entry it is as of', () => {
    const stored = `1700000000000-3 ${snapshotRecordValue(snapshot)}`;
    expect(parseSnapshotRecord(stored, 'AAPL')).toEqual({ entryId: '1700000000000-3', snapshot });
  });

  it('refuse a record that is not a snapshot of that symbol', () => {
    expect(parseSnapshotRecord(snapshotRecordValue(snapshot), 'AAPL')).toBe('no entry id');
    expect(parseSnapshotRecord('1-0 {nope', 'AAPL')).toBe('not JSON');
    expect(parseSnapshotRecord(`1-0 ${JSON.stringify({ ...snapshot, seq: -1 })}`, 'AAPL')).toBe('not a snapshot (seq)');
    expect(parseSnapshotRecord(`1-0 ${snapshotRecordValue(snapshot)}`, 'MSFT')).toBe(
      'snapshot of AAPL filed under MSFT',
    );
  });
});

describe('shard meta', () => {
  it('is read only when complete', () => {
    const meta = {
      version: 3,
      epoch: 7,
      startedAt: 1,
      flushMs: 50,
      heartbeatMs: 1000,
      tradeHistory: 100,
      candleHistory: 360,
      specs: [
        {
          symbol: 'AAPL',
          name: 'Apple',
          assetClass: 'equity',
          base: 'AAPL',
          quote: 'USD',
          tickSize: '0.01',
          lotSize: '1',
          pricePrecision: 2,
          sizePrecision: 0,
        },
      ],
    };
    expect(parseMeta(JSON.stringify(meta))).toEqual(meta);
    expect(parseMeta(JSON.stringify({ ...meta, specs: [] }))).toBe('not a shard description (specs)');
    expect(parseMeta('{')).toBe('not JSON');
  });
});
