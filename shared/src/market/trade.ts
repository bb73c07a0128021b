// Trades as they travel: a compact tuple, since a busy symbol sends many per flush.

import type { Lots, Ticks } from './instrument.ts';

/** Aggressor (taker) side code on the wire: 0 = buy (lifted the offer), 1 = sell (hit the bid). */
export type AggressorCode = 0 | 1;
export const BUY: AggressorCode = 0;
export const SELL: AggressorCode = 1;

/** One execution: id (see `tradeId`), price, size, aggressor side, time (ms since epoch). */
export type Trade = readonly [id: number, price: Ticks, size: Lots, aggressor: AggressorCode, time: number];

/**
 * The most trades one update can carry; ids leave room for this many per update. A server's own cap
 * (`maxTradesPerUpdate`) is at most this.
 */
export const MAX_TRADES_PER_UPDATE = 1000;

/**
 * A trade's id: unique and increasing per symbol, and implied by where it travels (the update's seq and the trade's
 * place in it), so ids cost nothing on the wire and every client computes the same ones.
 */
export function tradeId(seq: number, index: number): number {
  return seq * MAX_TRADES_PER_UPDATE + index;
}
