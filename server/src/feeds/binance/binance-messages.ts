// What Binance spot sends, as zod schemas: every REST body and stream message is `unknown` until one of these
// accepts it. Objects are not strict: Binance adds fields over time, and fields we do not read are not errors.

import { z } from 'zod';

/** Binance sends every price and quantity as a decimal string ("64250.01000000"). */
const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string');
const level = z.tuple([decimal, decimal]);
const updateId = z.number().int().nonnegative();
const millis = z.number().int().nonnegative();

export const depthUpdateSchema = z.object({
  e: z.literal('depthUpdate'),
  E: millis,
  s: z.string(),
  /** First and last update id in this event. */
  U: updateId,
  u: updateId,
  b: z.array(level),
  a: z.array(level),
});

export const tradeSchema = z.object({
  e: z.literal('trade'),
  E: millis,
  s: z.string(),
  t: z.number().int(),
  p: decimal,
  q: decimal,
  /** Trade time. */
  T: millis,
  /** Whether the buyer was the maker, i.e. the taker sold. */
  m: z.boolean(),
});

export const tickerSchema = z.object({
  e: z.literal('24hrTicker'),
  E: millis,
  s: z.string(),
  o: decimal,
  h: decimal,
  l: decimal,
  c: decimal,
  /** Base asset volume over the rolling 24 hours. */
  v: decimal,
});

/** A combined-stream message: `{ stream: "btcusdt@trade", data: { e: "trade", ... } }`. */
export const streamMessageSchema = z.object({
  stream: z.string(),
  data: z.discriminatedUnion('e', [depthUpdateSchema, tradeSchema, tickerSchema]),
});

export const depthSnapshotSchema = z.object({
  lastUpdateId: updateId,
  bids: z.array(level),
  asks: z.array(level),
});

const symbolInfoSchema = z.object({
  symbol: z.string(),
  status: z.string(),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  // Filters are many kinds; only PRICE_FILTER's tickSize and LOT_SIZE's stepSize matter here.
  filters: z.array(
    z.looseObject({ filterType: z.string(), tickSize: decimal.optional(), stepSize: decimal.optional() }),
  ),
});

export const exchangeInfoSchema = z.object({ symbols: z.array(symbolInfoSchema) });

/** The body of every REST error: `{ code: -1121, msg: "Invalid symbol." }`. */
export const apiErrorSchema = z.object({ code: z.number().int(), msg: z.string() });

export type DepthUpdateMessage = z.infer<typeof depthUpdateSchema>;
export type TradeMessage = z.infer<typeof tradeSchema>;
export type TickerMessage = z.infer<typeof tickerSchema>;
export type StreamMessage = z.infer<typeof streamMessageSchema>;
export type DepthSnapshotMessage = z.infer<typeof depthSnapshotSchema>;
export type SymbolInfo = z.infer<typeof symbolInfoSchema>;
export type ExchangeInfo = z.infer<typeof exchangeInfoSchema>;
