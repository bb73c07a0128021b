// Which trades in the tape are the viewer's own: on the simulator a paper order trades in the market's real book,
// so its fills print in the tape for everyone, and the tape marks the ones that were this account's. A trade does
// not carry who traded, so a fill is matched to a trade by what both say: symbol, price, size, the side that took
// liquidity, and a time within MATCH_WINDOW_MS.

import { BUY, SELL, type AggressorCode, type Instrument, type PaperFill, type Trade } from '@tickline/shared';

/** How far apart a fill's time and its trade's may be: both are stamped by the server, within a flush of each other. */
export const MATCH_WINDOW_MS = 2_000;

interface FillKey {
  price: number;
  size: number;
  aggressor: AggressorCode;
  time: number;
}

/** The aggressor of the trade a fill printed as: the fill's own side when it took liquidity, the other when it rested. */
function aggressorOf(fill: PaperFill): AggressorCode {
  const buy = fill.side === 'buy';
  return (fill.liquidity === 'taker') === buy ? BUY : SELL;
}

function keyOf(fill: PaperFill, instrument: Instrument): FillKey | undefined {
  try {
    return {
      price: instrument.parsePrice(fill.price),
      size: instrument.parseSize(fill.size),
      aggressor: aggressorOf(fill),
      time: fill.time,
    };
  } catch {
    return undefined; // not on this symbol's grid: it cannot be one of its trades
  }
}

/**
 * The ids of `trades` (of `symbol`) that are this account's, given its `fills`. Each printed fill claims at most one
 * trade, the nearest in time among those that match it, so two equal trades a second apart are told apart by count.
 */
export function ownTradeIds(
  symbol: string,
  instrument: Instrument,
  trades: readonly Trade[],
  fills: readonly PaperFill[],
): ReadonlySet<number> {
  const own = new Set<number>();
  for (const fill of fills) {
    if (!fill.printed || fill.symbol !== symbol) continue;
    const key = keyOf(fill, instrument);
    if (!key) continue;
    let best: number | undefined;
    let bestGap = Infinity;
    for (const [id, price, size, aggressor, time] of trades) {
      if (price !== key.price || size !== key.size || aggressor !== key.aggressor || own.has(id)) continue;
      const gap = Math.abs(time - key.time);
      if (gap <= MATCH_WINDOW_MS && gap < bestGap) {
        best = id;
        bestGap = gap;
      }
    }
    if (best !== undefined) own.add(best);
  }
  return own;
}
