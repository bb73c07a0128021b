// Trades as they travel: a compact tuple, since a busy symbol sends many per flush.

import type { Lots, Ticks } from './instrument.ts';

/** Aggressor (taker) side code on the wire: 0 = buy (lifted the offer), 1 = sell (hit the bid). */
export type AggressorCode = 0 | 1;
export const BUY: AggressorCode = 0;
export const SELL: AggressorCode = 1;

/** One execution: feed-unique increasing id, price, size, aggressor side, time (ms since epoch). */
export type Trade = readonly [id: number, price: Ticks, size: Lots, aggressor: AggressorCode, time: number];
