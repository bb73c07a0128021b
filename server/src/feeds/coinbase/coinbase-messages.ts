// The Coinbase Exchange public feed as we read it: zod schemas for every inbound message we use, and the
// subscribe/unsubscribe requests we send. Unknown fields are allowed (the venue adds fields over time).

import { z } from 'zod';

/** The channels Tickline needs: venue stats, the batched L2 book, trades, and a per-second liveness beat. */
export const COINBASE_CHANNELS = ['ticker', 'level2_batch', 'matches', 'heartbeat'] as const;

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string');
const side = z.enum(['buy', 'sell']);
const level = z.tuple([decimal, decimal]);

const subscriptions = z.object({
  type: z.literal('subscriptions'),
  channels: z.array(z.object({ name: z.string(), product_ids: z.array(z.string()).optional() })),
});

const error = z.object({
  type: z.literal('error'),
  message: z.string(),
  reason: z.string().optional(),
});

const snapshot = z.object({
  type: z.literal('snapshot'),
  product_id: z.string(),
  bids: z.array(level),
  asks: z.array(level),
  time: z.string().optional(),
});

const l2update = z.object({
  type: z.literal('l2update'),
  product_id: z.string(),
  time: z.string(),
  changes: z.array(z.tuple([side, decimal, decimal])),
});

const match = z.object({
  type: z.enum(['match', 'last_match']),
  trade_id: z.number().int(),
  sequence: z.number().int(),
  maker_order_id: z.string(),
  taker_order_id: z.string(),
  time: z.string(),
  product_id: z.string(),
  size: decimal,
  price: decimal,
  /** The maker's side, not the taker's. */
  side,
});

const ticker = z.object({
  type: z.literal('ticker'),
  sequence: z.number().int(),
  product_id: z.string(),
  price: decimal,
  open_24h: decimal,
  volume_24h: decimal,
  low_24h: decimal,
  high_24h: decimal,
  best_bid: decimal.optional(),
  best_ask: decimal.optional(),
  // The ticker sent on subscribe describes the current state, not a trade: these may be absent.
  time: z.string().optional(),
  trade_id: z.number().int().optional(),
  last_size: decimal.optional(),
});

const heartbeat = z.object({
  type: z.literal('heartbeat'),
  sequence: z.number().int(),
  last_trade_id: z.number().int(),
  product_id: z.string(),
  time: z.string(),
});

export const coinbaseMessageSchema = z.discriminatedUnion('type', [
  subscriptions,
  error,
  snapshot,
  l2update,
  match,
  ticker,
  heartbeat,
]);

export type CoinbaseMessage = z.infer<typeof coinbaseMessageSchema>;
export type SnapshotMessage = z.infer<typeof snapshot>;
export type L2UpdateMessage = z.infer<typeof l2update>;
export type MatchMessage = z.infer<typeof match>;
export type TickerMessage = z.infer<typeof ticker>;
export type HeartbeatMessage = z.infer<typeof heartbeat>;
export type ErrorMessage = z.infer<typeof error>;

const KNOWN_TYPES: ReadonlySet<string> = new Set([
  'subscriptions',
  'error',
  'snapshot',
  'l2update',
  'match',
  'last_match',
  'ticker',
  'heartbeat',
]);

export type ParsedMessage =
  | { kind: 'message'; message: CoinbaseMessage }
  /** A well-formed message of a type we did not ask for (the venue adds types); skipped, not malformed. */
  | { kind: 'ignored'; type: string }
  | { kind: 'malformed'; error: string };

/** One frame of text from the socket, judged. Never throws. */
export function parseCoinbaseMessage(text: string): ParsedMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'malformed', error: `not JSON: ${text.slice(0, 80)}` };
  }
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : undefined;
  if (typeof type !== 'string') return { kind: 'malformed', error: 'a message without a string "type"' };
  if (!KNOWN_TYPES.has(type)) return { kind: 'ignored', type };
  const parsed = coinbaseMessageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'malformed', error: `${type}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}` };
  }
  return { kind: 'message', message: parsed.data };
}

export type SubscriptionRequest = {
  type: 'subscribe' | 'unsubscribe';
  product_ids: string[];
  channels: (typeof COINBASE_CHANNELS)[number][];
};

export function subscriptionRequest(type: SubscriptionRequest['type'], productIds: readonly string[]): string {
  const request: SubscriptionRequest = { type, product_ids: [...productIds], channels: [...COINBASE_CHANNELS] };
  return JSON.stringify(request);
}

/** The products an error message names, e.g. "Failed to subscribe: BTC-XYZ is not a valid product". */
export function productsNamed(error: ErrorMessage, productIds: readonly string[]): string[] {
  const words = new Set(`${error.message} ${error.reason ?? ''}`.toUpperCase().split(/[^A-Z0-9-]+/));
  return productIds.filter((id) => words.has(id.toUpperCase()));
}
