// The recording file: NDJSON, one header line naming the symbols, then one line per normalized event with the wall
// time it was received. Plain text on purpose: greppable, diffable, and trivially produced by other tools.

import { CANDLE_INTERVALS, type SymbolSpec, symbolSpecSchema } from '@tickline/shared';
import { z } from 'zod';
import type { MarketEvent } from '../feed.ts';

export const RECORDING_FORMAT = 'tickline-recording';
export const RECORDING_VERSION = 1;

export interface RecordingHeader {
  type: 'header';
  format: typeof RECORDING_FORMAT;
  version: typeof RECORDING_VERSION;
  /** Wall time the recording started (ms since epoch). */
  recordedAt: number;
  symbols: SymbolSpec[];
}

/** One recorded event: `t` is when Tickline received it; the event keeps its own `time`. */
export interface RecordedEvent {
  t: number;
  event: MarketEvent;
}

const int = z.number().int();
const size = z.number().int().nonnegative();
const level = z.tuple([int, size]);
const candle = z.tuple([z.number(), int, int, int, int, size]);
const base = { symbol: z.string().min(1), time: z.number() };

export const headerSchema = z.object({
  type: z.literal('header'),
  format: z.literal(RECORDING_FORMAT),
  version: z.literal(RECORDING_VERSION),
  recordedAt: z.number(),
  symbols: z.array(symbolSpecSchema).min(1),
});

const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('book:snapshot'), ...base, bids: z.array(level), asks: z.array(level) }),
  z.object({
    type: z.literal('book:delta'),
    ...base,
    updates: z.array(z.tuple([z.union([z.literal(0), z.literal(1)]), int, size])),
  }),
  z.object({ type: z.literal('trade'), ...base, price: int, size, aggressor: z.union([z.literal(0), z.literal(1)]) }),
  z.object({ type: z.literal('ticker'), ...base, open: int, high: int, low: int, volume: size }),
  z.object({ type: z.literal('status'), ...base, status: z.enum(['live', 'stale', 'reconnecting', 'halted']) }),
  // Added within version 1: a reader that predates them skips these lines as malformed and plays the rest.
  z.object({ type: z.literal('history'), ...base, interval: z.enum(CANDLE_INTERVALS), candles: z.array(candle) }),
  z.object({ type: z.literal('mark'), ...base, label: z.string() }),
]);

export const recordedEventSchema = z.object({ t: z.number(), event: eventSchema });

export function headerLine(symbols: readonly SymbolSpec[], recordedAt: number): string {
  const header: RecordingHeader = {
    type: 'header',
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    recordedAt,
    symbols: [...symbols],
  };
  return JSON.stringify(header);
}

export function eventLine(t: number, event: MarketEvent): string {
  return JSON.stringify({ t, event } satisfies RecordedEvent);
}

export interface ParsedRecording {
  header: RecordingHeader;
  events: RecordedEvent[];
  /** Lines that were not a valid event, by 1-based line number, with why. */
  malformed: { line: number; reason: string }[];
}

/** Parses a whole recording; a bad header is an error, a bad event line is reported and skipped. */
export function parseRecording(text: string, source = 'recording'): ParsedRecording {
  const lines = text.split('\n');
  let header: RecordingHeader;
  try {
    header = headerSchema.parse(JSON.parse(lines[0] ?? '')) as RecordingHeader;
  } catch {
    throw new Error(
      `${source} is not a Tickline recording: its first line must be a ${RECORDING_FORMAT} v${RECORDING_VERSION} header`,
    );
  }
  const known = new Set(header.symbols.map((s) => s.symbol));
  const events: RecordedEvent[] = [];
  const malformed: ParsedRecording['malformed'] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      malformed.push({ line: i + 1, reason: 'not JSON' });
      continue;
    }
    const parsed = recordedEventSchema.safeParse(json);
    if (!parsed.success) {
      malformed.push({ line: i + 1, reason: parsed.error.issues[0]?.message ?? 'not an event' });
    } else if (!known.has(parsed.data.event.symbol)) {
      malformed.push({ line: i + 1, reason: `symbol ${parsed.data.event.symbol} is not in the header` });
    } else {
      events.push(parsed.data as RecordedEvent);
    }
  }
  return { header, events, malformed };
}
