// The JSON baselines' update (naive and batched Socket.IO, raw ws): one object per update, the same fields for a
// trade and a book level change, told apart by the side's word (a trade's aggressor buys or sells; a level is a bid
// or an ask). Trades keep the exact shape they had before book traffic, so trade-only figures stay comparable.

import type { ScheduledUpdate } from './fixed-schedule.ts';

export interface JsonUpdate {
  symbol: string;
  /** Integer ticks. */
  price: number;
  /** Integer lots; for a level, 0 removes it. */
  size: number;
  side: 'buy' | 'sell' | 'bid' | 'ask';
  /** Scheduled time on the bench clock. */
  time: number;
}

export function toJsonUpdate(u: ScheduledUpdate, symbol: string): JsonUpdate {
  const side = u.type === 'trade' ? (u.side === 0 ? 'buy' : 'sell') : u.side === 0 ? 'bid' : 'ask';
  return { symbol, price: u.price, size: u.size, side, time: u.time };
}

export const isLevelChange = (u: Pick<JsonUpdate, 'side'>): boolean => u.side === 'bid' || u.side === 'ask';
