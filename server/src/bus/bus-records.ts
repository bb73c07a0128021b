// What a cluster writes to Redis, and how an edge reads it back without trusting it: stream entries (one per flush),
// snapshot records and the shard's meta. Pure: Redis replies in, typed values or a reason out.
//
// An entry is a flat list of fields: `e` (epoch), `t` (the flush's time, which every trade of its updates is
// encoded against), `k` (only on heartbeats and epoch starts), then one field per update: the symbol's stream id,
// and as value the update's wire JSON exactly as clients receive it, so an edge forwards it without re-encoding.

import { type Epoch, type SymbolSnapshot, type SymbolSpec, symbolSpecSchema, type WireUpdate } from '@tickline/shared';
import { z } from 'zod';
import { isStreamId } from './stream-ids.ts';

export type EntryKind = 'data' | 'beat' | 'start';

export interface BusEntry {
  epoch: Epoch;
  time: number;
  kind: EntryKind;
  /** Stream id and wire JSON of each update, in the order the feed node flushed them. */
  updates: { sid: number; json: string }[];
}

/** The fields of an entry for XADD. */
export function entryFields(epoch: Epoch, time: number, kind: EntryKind, wires: readonly WireUpdate[]): string[] {
  const fields = ['e', String(epoch), 't', String(time)];
  if (kind !== 'data') fields.push('k', kind);
  for (const wire of wires) fields.push(String(wire[0]), JSON.stringify(wire));
  return fields;
}

/** Reads an entry's fields (as XREAD returns them); a string says what is wrong with a corrupted one. */
export function parseEntry(fields: readonly string[]): BusEntry | string {
  if (fields.length % 2 !== 0) return 'odd number of fields';
  let epoch: number | undefined;
  let time: number | undefined;
  let kind: EntryKind = 'data';
  const updates: BusEntry['updates'] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i]!;
    const value = fields[i + 1]!;
    if (name === 'e') epoch = Number(value);
    else if (name === 't') time = Number(value);
    else if (name === 'k') {
      if (value !== 'beat' && value !== 'start') return `unknown kind ${value.slice(0, 20)}`;
      kind = value;
    } else if (/^\d{1,9}$/.test(name)) updates.push({ sid: Number(name), json: value });
    else return `unknown field ${name.slice(0, 20)}`;
  }
  if (epoch === undefined || !Number.isSafeInteger(epoch)) return 'no epoch';
  if (time === undefined || !Number.isFinite(time)) return 'no time';
  return { epoch, time, kind, updates };
}

/** The wire update of an entry field, or undefined when it is not one (the edge then resyncs the symbol). */
export function parseWireUpdate(json: string, sid: number): WireUpdate | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value[0] !== sid || !Number.isSafeInteger(value[1])) return undefined;
  return value as WireUpdate;
}

// --- snapshots ----------------------------------------------------------------------------------------------

/** A snapshot record: the snapshot, and the id of the stream entry whose updates it includes (the last ones). */
export interface SnapshotRecord {
  entryId: string;
  snapshot: SymbolSnapshot;
}

export function snapshotRecordValue(snapshot: SymbolSnapshot): string {
  return JSON.stringify(snapshot);
}

const int = z.number().int();
const price = int;
const size = int.nonnegative();
const nullablePrice = price.nullable();
const snapshotSchema = z.object({
  symbol: z.string().min(1),
  epoch: int,
  sid: int.nonnegative(),
  seq: int.nonnegative(),
  time: z.number(),
  depth: int.positive(),
  book: z.object({ bids: z.array(z.tuple([price, size])), asks: z.array(z.tuple([price, size])) }),
  checksum: int.nonnegative(),
  status: z.enum(['live', 'stale', 'halted']),
  trades: z.array(z.tuple([int, price, size, z.union([z.literal(0), z.literal(1)]), z.number()])),
  candleIntervalMs: int.positive(),
  candles: z.array(z.tuple([z.number(), price, price, price, price, size])),
  ticker: z.object({
    last: nullablePrice,
    bid: nullablePrice,
    ask: nullablePrice,
    open: nullablePrice,
    high: nullablePrice,
    low: nullablePrice,
    volume: size,
    trades: int.nonnegative(),
  }),
  marks: z.array(z.object({ time: z.number(), label: z.string() })).optional(),
});

/** Reads a record as stored (`<entry id> <snapshot JSON>`, written by the feed node's publish script). */
export function parseSnapshotRecord(stored: string, symbol: string): SnapshotRecord | string {
  const space = stored.indexOf(' ');
  const entryId = stored.slice(0, space);
  if (space < 0 || !isStreamId(entryId)) return 'no entry id';
  let json: unknown;
  try {
    json = JSON.parse(stored.slice(space + 1));
  } catch {
    return 'not JSON';
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) return `not a snapshot (${parsed.error.issues[0]?.path.join('.') ?? '?'})`;
  if (parsed.data.symbol !== symbol) return `snapshot of ${parsed.data.symbol} filed under ${symbol}`;
  return { entryId, snapshot: parsed.data as unknown as SymbolSnapshot };
}

// --- meta ---------------------------------------------------------------------------------------------------

/** What an edge needs to know of a shard before it can hold replicas of it. */
export interface ShardMeta {
  /** The protocol the feed node speaks; an edge refuses another. */
  version: number;
  epoch: Epoch;
  startedAt: number;
  flushMs: number;
  /** The feed node writes an entry at least this often, so silence longer than the stale time means it is down. */
  heartbeatMs: number;
  /** The feed's ring sizes: an edge's replicas need the same to serve the same snapshots. */
  tradeHistory: number;
  candleHistory: number;
  specs: SymbolSpec[];
}

const metaSchema = z.object({
  version: int,
  epoch: int,
  startedAt: z.number(),
  flushMs: int.positive(),
  heartbeatMs: int.positive(),
  tradeHistory: int.positive(),
  candleHistory: int.positive(),
  specs: z.array(symbolSpecSchema).min(1),
});

export function parseMeta(stored: string): ShardMeta | string {
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return 'not JSON';
  }
  const parsed = metaSchema.safeParse(json);
  return parsed.success ? parsed.data : `not a shard description (${parsed.error.issues[0]?.path.join('.') ?? '?'})`;
}
