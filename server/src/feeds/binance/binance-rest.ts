// The Binance REST calls the feed makes (exchange info, depth snapshot, klines), with Binance's error body turned into a
// typed error and every answer parsed by its schema.

import { z } from 'zod';
import type { VenueEndpoint } from '../kit/unreachable.ts';
import {
  apiErrorSchema,
  type DepthSnapshotMessage,
  depthSnapshotSchema,
  type ExchangeInfo,
  exchangeInfoSchema,
} from './binance-messages.ts';

export type Fetch = typeof globalThis.fetch;

/** The REST endpoint as an operator sets it, for messages that say what to check when it cannot be reached. */
export const restEndpoint = (url: string): VenueEndpoint => ({
  venue: 'binance',
  kind: 'REST API',
  url,
  flag: '--binance-rest-url',
  env: 'BINANCE_REST_URL',
});

/** Binance's code for a symbol it does not list. */
export const INVALID_SYMBOL = -1121;

/** A REST call that Binance refused or answered with something we cannot read. */
export class BinanceRestError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when there was no usable answer. */
    readonly status: number,
    /** Binance's error code from the body, when it sent one. */
    readonly code?: number,
    /** Binance's Retry-After (sent with 429 and 418 rate-limit answers), in ms. */
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BinanceRestError';
  }
}

export interface BinanceRest {
  exchangeInfo(symbols: readonly string[], signal?: AbortSignal): Promise<ExchangeInfo>;
  depth(symbol: string, limit: number, signal?: AbortSignal): Promise<DepthSnapshotMessage>;
  /** Kline rows, each still unread: one bad row must not cost the others. */
  klines(symbol: string, interval: string, limit: number, signal?: AbortSignal): Promise<unknown[]>;
}

const rowsSchema = z.array(z.unknown());

export function createBinanceRest(baseUrl: string, fetchFn: Fetch, timeoutMs = 10_000): BinanceRest {
  const base = baseUrl.replace(/\/+$/, '');

  async function get<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    const url = `${base}${path}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let body: unknown;
    try {
      response = await fetchFn(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      body = await response.json().catch(() => undefined);
    } catch (err) {
      // The cause keeps the socket's error (ECONNREFUSED, a TLS code), which explainUnreachable reads.
      const message = `GET ${url}: ${err instanceof Error ? err.message : String(err)}`;
      throw new BinanceRestError(message, 0, undefined, undefined, { cause: err });
    }
    if (!response.ok) {
      const error = apiErrorSchema.safeParse(body);
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new BinanceRestError(
        `GET ${url}: HTTP ${response.status}${error.success ? ` ${error.data.msg} (code ${error.data.code})` : ''}`,
        response.status,
        error.success ? error.data.code : undefined,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
      throw new BinanceRestError(`GET ${url}: unexpected answer: ${detail}`, response.status);
    }
    return parsed.data;
  }

  return {
    exchangeInfo(symbols, signal) {
      // Binance takes the list as a JSON array in one query parameter: symbols=["BTCUSDT","ETHUSDT"].
      const query = encodeURIComponent(JSON.stringify(symbols));
      return get(`/api/v3/exchangeInfo?symbols=${query}`, exchangeInfoSchema, signal);
    },
    depth(symbol, limit, signal) {
      return get(`/api/v3/depth?symbol=${encodeURIComponent(symbol)}&limit=${limit}`, depthSnapshotSchema, signal);
    },
    klines(symbol, interval, limit, signal) {
      const query = `symbol=${encodeURIComponent(symbol)}&interval=${interval}&limit=${limit}`;
      return get(`/api/v3/klines?${query}`, rowsSchema, signal);
    },
  };
}
