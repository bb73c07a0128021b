// Binance's combined public stream: its URL, and each frame decoded into a book diff, a Tickline event, or the reason
// it is malformed (bad JSON, a shape the schemas refuse, an unsubscribed symbol, a number off the symbol's grid).

import { ASK, BID, BUY, type Instrument, type LevelUpdate, SELL } from '@tickline/shared';
import type { MarketEvent } from '../feed.ts';
import type { VenueEndpoint } from '../kit/unreachable.ts';
import { parseLevelUpdates } from '../kit/venue-numbers.ts';
import type { DepthDiff } from './binance-book-sync.ts';
import {
  type DepthUpdateMessage,
  streamMessageSchema,
  type TickerMessage,
  type TradeMessage,
} from './binance-messages.ts';

/** The stream endpoint as an operator sets it, for messages that say what to check when it cannot be reached. */
export const streamEndpoint = (url: string): VenueEndpoint => ({
  venue: 'binance',
  kind: 'stream',
  url,
  flag: '--binance-ws-url',
  env: 'BINANCE_WS_URL',
});

/** Binance allows this many streams on one connection. */
export const MAX_STREAMS_PER_CONNECTION = 1024;

/** The streams subscribed per symbol: every trade, book diffs every 100 ms, rolling 24 h statistics every second. */
export function streamsFor(venueSymbol: string): string[] {
  const s = venueSymbol.toLowerCase();
  return [`${s}@trade`, `${s}@depth@100ms`, `${s}@ticker`];
}

/** `{wsUrl}/stream?streams=a/b/c`: subscribing in the URL means nothing to send, and nothing to resend on reconnect. */
export function combinedStreamUrl(wsUrl: string, venueSymbols: readonly string[]): string {
  const streams = venueSymbols.flatMap(streamsFor);
  if (streams.length > MAX_STREAMS_PER_CONNECTION) {
    const [symbols, most] = [venueSymbols.length, MAX_STREAMS_PER_CONNECTION];
    throw new Error(`binance: ${symbols} symbols need ${streams.length} streams; a connection takes ${most}`);
  }
  return `${wsUrl.replace(/\/+$/, '')}/stream?streams=${streams.join('/')}`;
}

export type DecodedMessage =
  | { type: 'malformed'; kind: 'json' | 'schema' | 'symbol'; detail: string }
  /** A subscribed symbol's value off its grid: the venue may have changed the symbol's filters. */
  | { type: 'malformed'; kind: 'number'; detail: string; venue: string; depth: boolean }
  | { type: 'diff'; venue: string; diff: DepthDiff }
  | { type: 'event'; venue: string; event: MarketEvent };

/** A stream frame as what it means for a subscribed symbol, or why it means nothing. */
export function decodeStreamMessage(
  text: string,
  instrumentOf: (venue: string) => Instrument | undefined,
): DecodedMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { type: 'malformed', kind: 'json', detail: `not JSON: ${text.slice(0, 80)}` };
  }
  const parsed = streamMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'invalid';
    return { type: 'malformed', kind: 'schema', detail };
  }
  const data = parsed.data.data;
  const instrument = instrumentOf(data.s);
  if (!instrument) return { type: 'malformed', kind: 'symbol', detail: `${data.s} was not subscribed` };
  try {
    if (data.e === 'depthUpdate') return { type: 'diff', venue: data.s, diff: depthDiff(instrument, data) };
    const event = data.e === 'trade' ? tradeEvent(instrument, data) : tickerEvent(instrument, data);
    return { type: 'event', venue: data.s, event };
  } catch (err) {
    // The kit's parsers throw RangeError for a number off the grid; anything else is our bug and must surface.
    if (!(err instanceof RangeError)) throw err;
    const detail = `${data.s} ${data.e}: ${err.message}`;
    return { type: 'malformed', kind: 'number', detail, venue: data.s, depth: data.e === 'depthUpdate' };
  }
}

export function depthDiff(instrument: Instrument, m: DepthUpdateMessage): DepthDiff {
  const updates: LevelUpdate[] = [];
  parseLevelUpdates(instrument, BID, m.b, updates);
  parseLevelUpdates(instrument, ASK, m.a, updates);
  return { first: m.U, last: m.u, time: m.E, updates };
}

export function tradeEvent(instrument: Instrument, m: TradeMessage): MarketEvent {
  return {
    type: 'trade',
    symbol: instrument.spec.symbol,
    time: m.T,
    price: instrument.parsePrice(m.p),
    size: instrument.parseSize(m.q),
    // m: the buyer was the maker, so the order that took liquidity was the sell.
    aggressor: m.m ? SELL : BUY,
  };
}

export function tickerEvent(instrument: Instrument, m: TickerMessage): MarketEvent {
  return {
    type: 'ticker',
    symbol: instrument.spec.symbol,
    time: m.E,
    open: instrument.parsePrice(m.o),
    high: instrument.parsePrice(m.h),
    low: instrument.parsePrice(m.l),
    volume: instrument.parseSize(m.v),
  };
}
