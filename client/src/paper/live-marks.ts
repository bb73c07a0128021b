// Positions marked to the market as this page sees it: the server marks them about once a second, the page's own
// book replica moves every frame, so the P&L on screen is re-marked here from the replica's mid, exactly (bigint
// money), by the server's own rule: size × mid (half a tick rounded up) − cost, the last trade when a side of the
// book is empty.

import {
  formatMoney,
  markPrice,
  parseMoney,
  tradeValue,
  type Instrument,
  type Lots,
  type PaperAccount,
  type PaperPosition,
  type Ticks,
} from '@tickline/shared';

/** What the page knows of a symbol's market now; null where it does not know. */
export interface Quote {
  bid: Ticks | null;
  ask: Ticks | null;
  last: Ticks | null;
}

/**
 * `position` marked to `quote`: its mark, market value and unrealized P&L replaced. The same object back when the
 * quote says nothing (no book, no trade yet) or the position does not parse: the server's own mark then stands.
 */
export function markPosition(position: PaperPosition, instrument: Instrument, quote: Quote): PaperPosition {
  const cost = parseMoney(position.cost);
  let size: Lots;
  try {
    size = instrument.parseSize(position.size);
  } catch {
    return position;
  }
  if (cost === undefined) return position;
  // The server's own rule (shared markPrice), so the page's P&L equals the server's for the same book.
  const price = markPrice(quote.bid, quote.ask, quote.last);
  if (price === undefined) return position;
  const mark = instrument.formatPrice(price);
  const value = tradeValue(instrument, price, size);
  const marketValue = formatMoney(value);
  const unrealizedPnl = formatMoney(value - cost);
  if (mark === position.mark && marketValue === position.marketValue && unrealizedPnl === position.unrealizedPnl)
    return position;
  return { ...position, mark, marketValue, unrealizedPnl };
}

/**
 * The account with every position the page has a quote for re-marked, and the totals that follow from the marks
 * (equity, unrealized P&L) summed again as the server sums them. The same object back when no mark moved.
 */
export function markAccount(
  account: PaperAccount,
  instrumentOf: (symbol: string) => Instrument | undefined,
  quoteOf: (symbol: string) => Quote | undefined,
): PaperAccount {
  let moved = false;
  const positions = account.positions.map((position) => {
    const instrument = instrumentOf(position.symbol);
    const quote = quoteOf(position.symbol);
    if (!instrument || !quote) return position;
    const marked = markPosition(position, instrument, quote);
    if (marked !== position) moved = true;
    return marked;
  });
  const cash = parseMoney(account.cash);
  if (!moved || cash === undefined) return account;
  let equity = cash;
  let unrealized = 0n;
  for (const position of positions) {
    // A position without a mark counts at cost, and adds nothing to the unrealized P&L.
    equity += parseMoney(position.marketValue ?? position.cost) ?? 0n;
    if (position.unrealizedPnl !== null) unrealized += parseMoney(position.unrealizedPnl) ?? 0n;
  }
  return { ...account, positions, equity: formatMoney(equity), unrealizedPnl: formatMoney(unrealized) };
}
