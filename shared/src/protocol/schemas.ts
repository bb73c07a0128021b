// Runtime schemas for everything a client sends: the server trusts nothing it has not parsed with these.

import { z } from 'zod';
import { CANDLE_INTERVALS } from '../market/intervals.ts';
import type { ClientToServerEvents } from './events.ts';
import { MAX_ANNOUNCEMENT_LENGTH, PRESENTER_ZOOM_SPAN } from './presenter.ts';
import {
  type CancelOrderRequest,
  ORDER_SIDES,
  ORDER_TYPES,
  type PlaceOrderRequest,
  type ResetAccountRequest,
  TIMES_IN_FORCE,
} from './paper.ts';
import { SYMBOL_NAME_MAX, SYMBOL_NAME_PATTERN, SYMBOL_NAME_RULE } from './symbol-spec-schema.ts';
import {
  type AckError,
  type ErrorCode,
  type HistoryRequest,
  MAX_HISTORY_LIMIT,
  type PingRequest,
  RESYNC_REASONS,
  type ResyncRequest,
  type SubscribeRequest,
  type UnsubscribeRequest,
} from './payloads.ts';

/** Most symbols one request may name; a guard against accidental or hostile huge requests. */
export const MAX_SYMBOLS_PER_REQUEST = 200;

/** The rule of symbol-spec-schema.ts, with the full API's methods for the server's request schemas. */
export const symbolNameSchema = z.string().min(1).max(SYMBOL_NAME_MAX).regex(SYMBOL_NAME_PATTERN, SYMBOL_NAME_RULE);

// The length is checked before any element: a list of 30,000 bad names is refused by its length, not validated
// name by name first.
const symbolListSchema = z
  .array(z.unknown())
  .min(1, 'name at least one symbol')
  .max(MAX_SYMBOLS_PER_REQUEST, `at most ${MAX_SYMBOLS_PER_REQUEST} symbols per request`)
  .pipe(z.array(symbolNameSchema));

export const subscribeRequestSchema = z.object({ symbols: symbolListSchema });
export const unsubscribeRequestSchema = z.object({ symbols: symbolListSchema });
export const resyncRequestSchema = z.object({
  symbols: symbolListSchema,
  reason: z.enum(RESYNC_REASONS),
});
export const historyRequestSchema = z.object({
  symbol: symbolNameSchema,
  interval: z.enum(CANDLE_INTERVALS),
  before: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(MAX_HISTORY_LIMIT),
});
export const pingRequestSchema = z.object({ clientTime: z.number().finite() });

// The schemas must accept exactly what the TypeScript types describe.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<z.infer<typeof subscribeRequestSchema>, SubscribeRequest>;
true satisfies Same<z.infer<typeof unsubscribeRequestSchema>, UnsubscribeRequest>;
true satisfies Same<z.infer<typeof resyncRequestSchema>, ResyncRequest>;
true satisfies Same<z.infer<typeof historyRequestSchema>, HistoryRequest>;
true satisfies Same<z.infer<typeof pingRequestSchema>, PingRequest>;

/** The payload type of each request a client can send. */
export type RequestPayload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

/**
 * The schema of every request, keyed by event: the mapped type makes a new event without a schema a compile error,
 * and the server looks schemas up here, so an event can never be checked against another event's schema.
 */
/** The admin token, presented in a presenter's payload. */
const tokenSchema = z.string().min(1).max(512);

export const announceRequestSchema = z.object({
  token: tokenSchema,
  message: z
    .string()
    .trim()
    .min(1, 'an announcement needs a message')
    .max(MAX_ANNOUNCEMENT_LENGTH, `an announcement is at most ${MAX_ANNOUNCEMENT_LENGTH} characters`),
});

export const presenterViewRequestSchema = z.object({
  token: tokenSchema,
  symbol: symbolNameSchema,
  interval: z.enum(CANDLE_INTERVALS),
  highlight: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,12})?$/, 'highlight is a price as a decimal string, such as "64250.5"')
    .nullable(),
  zoom: z
    .object({
      span: z
        .number()
        .int()
        .min(PRESENTER_ZOOM_SPAN.min, `span is from ${PRESENTER_ZOOM_SPAN.min} to ${PRESENTER_ZOOM_SPAN.max} candles`)
        .max(PRESENTER_ZOOM_SPAN.max, `span is from ${PRESENTER_ZOOM_SPAN.min} to ${PRESENTER_ZOOM_SPAN.max} candles`),
      end: z.number().int().nonnegative().nullable(),
    })
    .strict()
    .nullable()
    .optional(),
});

/** A positive-or-zero decimal string; the symbol's grid is checked after (order-check.ts), where the spec is known. */
const decimalString = (field: string) =>
  z
    .string()
    .max(40)
    .regex(/^\d{1,20}(\.\d{1,20})?$/, `${field} is a decimal string such as "0.05" (no sign, no exponent)`);

export const placeOrderRequestSchema = z
  .object({
    symbol: symbolNameSchema,
    side: z.enum(ORDER_SIDES, { error: 'side is "buy" or "sell"' }),
    type: z.enum(ORDER_TYPES, { error: 'type is "market" or "limit"' }),
    size: decimalString('size'),
    price: decimalString('price').optional(),
    tif: z.enum(TIMES_IN_FORCE, { error: 'tif is "gtc", "ioc" or "post_only"' }).optional(),
  })
  .strict()
  .superRefine((order, ctx) => {
    if (order.type === 'limit' && order.price === undefined)
      ctx.addIssue({ code: 'custom', path: ['price'], message: 'a limit order needs a price' });
    if (order.type === 'market' && order.price !== undefined)
      ctx.addIssue({ code: 'custom', path: ['price'], message: 'a market order takes no price' });
    if (order.type === 'market' && order.tif !== undefined && order.tif !== 'ioc')
      ctx.addIssue({ code: 'custom', path: ['tif'], message: 'a market order is always ioc' });
  });

export const cancelOrderRequestSchema = z.object({ orderId: z.string().min(1).max(64) }).strict();
export const resetAccountRequestSchema = z.object({}).strict();

true satisfies Same<z.infer<typeof cancelOrderRequestSchema>, CancelOrderRequest>;
true satisfies Same<z.infer<typeof resetAccountRequestSchema>, ResetAccountRequest>;
// Optional fields differ only in `| undefined` (exactOptionalPropertyTypes): the request type allows both.
true satisfies Same<Required<z.infer<typeof placeOrderRequestSchema>>, Required<PlaceOrderRequest>>;

export const REQUEST_SCHEMAS: { [E in keyof ClientToServerEvents]: z.ZodType<RequestPayload<E>> } = {
  subscribe: subscribeRequestSchema,
  unsubscribe: unsubscribeRequestSchema,
  resync: resyncRequestSchema,
  history: historyRequestSchema,
  ping: pingRequestSchema,
  'presenter:announce': announceRequestSchema,
  'presenter:view': presenterViewRequestSchema,
  'order:place': placeOrderRequestSchema,
  'order:cancel': cancelOrderRequestSchema,
  'account:reset': resetAccountRequestSchema,
};

/** The code a request that fails its schema is refused with: `invalid_payload`, unless the event has its own. */
export const INVALID_REQUEST_CODES: Partial<Record<keyof ClientToServerEvents, ErrorCode>> = {
  'order:place': 'invalid_order',
  'order:cancel': 'invalid_order',
};

export type ParseResult<T> = { ok: true; value: T } | AckError;

/** Parses untrusted input; on failure returns the error ack to send, with a message naming what is wrong. */
export function parsePayload<T>(
  schema: z.ZodType<T>,
  input: unknown,
  invalidCode: ErrorCode = 'invalid_payload',
): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  // A list longer than allowed is its own error code, so a client knows to split the request.
  const tooMany = issue?.code === 'too_big' && issue.origin === 'array';
  return {
    ok: false,
    error: {
      code: tooMany ? 'too_many_symbols' : invalidCode,
      message: `${where}${issue?.message ?? 'invalid payload'}`,
    },
  };
}
