// Coinbase messages -> normalized MarketEvents. Pure: a message and the product's instrument in, an event out.
// A price or size off the product's grid throws a RangeError before any event exists, so a bad message is skipped
// whole and never half-applied.

import { ASK, BID, BUY, SELL } from '@tickline/shared';
import type { AggressorCode, Instrument, LevelUpdate, Lots } from '@tickline/shared';
import type { MarketEvent } from '../feed.ts';
import { parseLevels } from '../kit/venue-numbers.ts';
import type { L2UpdateMessage, MatchMessage, SnapshotMessage, TickerMessage } from './coinbase-messages.ts';

type EventOf<T extends MarketEvent['type']> = Extract<MarketEvent, { type: T }>;

/** The venue's ISO time (microseconds allowed) in ms, or `fallback` when absent or unreadable. */
export function venueTime(iso: string | undefined, fallback: number): number {
  if (iso === undefined) return fallback;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback : ms;
}

export function snapshotEvent(
  instrument: Instrument,
  symbol: string,
  message: SnapshotMessage,
  now: number,
): EventOf<'book:snapshot'> {
  return {
    type: 'book:snapshot',
    symbol,
    time: venueTime(message.time, now),
    bids: parseLevels(instrument, message.bids),
    asks: parseLevels(instrument, message.asks),
  };
}

/** Coinbase's sizes are absolute, as ours are; 'buy' changes the bid side and size "0" removes the level. */
export function deltaEvent(
  instrument: Instrument,
  symbol: string,
  message: L2UpdateMessage,
  now: number,
): EventOf<'book:delta'> {
  const updates: LevelUpdate[] = new Array(message.changes.length);
  for (let i = 0; i < message.changes.length; i++) {
    const [side, price, size] = message.changes[i] as L2UpdateMessage['changes'][number];
    updates[i] = [side === 'buy' ? BID : ASK, instrument.parsePrice(price), instrument.parseSize(size)];
  }
  return { type: 'book:delta', symbol, time: venueTime(message.time, now), updates };
}

/** A match reports the resting (maker) order's side: a maker that sold was lifted by a buyer. */
export function aggressorOf(makerSide: MatchMessage['side']): AggressorCode {
  return makerSide === 'sell' ? BUY : SELL;
}

export function tradeEvent(
  instrument: Instrument,
  symbol: string,
  message: MatchMessage,
  now: number,
): EventOf<'trade'> {
  return {
    type: 'trade',
    symbol,
    time: venueTime(message.time, now),
    price: instrument.parsePrice(message.price),
    size: instrument.parseSize(message.size),
    aggressor: aggressorOf(message.side),
  };
}

export function tickerEvent(
  instrument: Instrument,
  symbol: string,
  message: TickerMessage,
  now: number,
): EventOf<'ticker'> {
  return {
    type: 'ticker',
    symbol,
    time: venueTime(message.time, now),
    open: instrument.parsePrice(message.open_24h),
    high: instrument.parsePrice(message.high_24h),
    low: instrument.parsePrice(message.low_24h),
    volume: volumeLots(instrument, message.volume_24h),
  };
}

/**
 * A 24 h volume sums trades made under earlier, finer size increments (Coinbase has coarsened increments of live
 * products), so it may sit off today's lot grid; it is a statistic, and the nearest lot is the honest reading.
 */
function volumeLots(instrument: Instrument, decimal: string): Lots {
  try {
    return instrument.parseSize(decimal);
  } catch {
    return instrument.toLots(Number(decimal));
  }
}
