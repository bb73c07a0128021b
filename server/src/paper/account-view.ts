// An account as its owner sees it (the `account` event): the ledger's exact figures as decimal strings, each
// position marked to its market now. Pure, given the markets; a round of marks shares one per symbol (MarkCache).

import {
  averagePrice,
  formatMoney,
  type Lots,
  type PaperAccount,
  type PaperFill,
  type PaperOrder,
  type PaperPosition,
  type Ticks,
  tradeValue,
} from '@tickline/shared';
import type { PaperMarket } from './paper-desk.ts';
import type { PaperLedger } from './paper-ledger.ts';

/** Marks already read in this round, by symbol (undefined: the market has none). */
export type MarkCache = Map<string, Ticks | undefined>;

export interface AccountFacts {
  id: string;
  ledger: PaperLedger;
  openOrders: readonly PaperOrder[];
  fills: readonly PaperFill[];
  time: number;
}

export function accountView(
  account: AccountFacts,
  marketOf: (symbol: string) => PaperMarket | undefined,
  marks?: MarkCache,
): PaperAccount {
  const { ledger } = account;
  const positions: PaperPosition[] = [];
  let equity = ledger.cash;
  let unrealized = 0n;
  for (const [symbol, h] of ledger.holdings) {
    if (h.lots === 0 && h.realized === 0n) continue;
    const market = marketOf(symbol);
    if (!market) continue;
    const { instrument, venue } = market;
    let mark: Ticks | undefined;
    if (h.lots > 0) {
      if (marks?.has(symbol)) mark = marks.get(symbol);
      else {
        mark = venue.mark(symbol);
        marks?.set(symbol, mark);
      }
    }
    const value = mark === undefined ? undefined : tradeValue(instrument, mark, h.lots as Lots);
    // A position without a mark counts at cost.
    equity += value ?? h.cost;
    if (value !== undefined) unrealized += value - h.cost;
    positions.push({
      symbol,
      size: instrument.formatSize(h.lots as Lots),
      cost: formatMoney(h.cost),
      averagePrice: instrument.formatPrice(
        h.lots > 0 ? averagePrice(instrument, h.cost, h.lots as Lots) : (0 as Ticks),
      ),
      mark: mark === undefined ? null : instrument.formatPrice(mark),
      marketValue: value === undefined ? null : formatMoney(value),
      unrealizedPnl: value === undefined ? null : formatMoney(value - h.cost),
      realizedPnl: formatMoney(h.realized),
    });
  }
  return {
    id: account.id,
    currency: 'USD',
    startingCash: formatMoney(ledger.startingCash),
    cash: formatMoney(ledger.cash),
    available: formatMoney(ledger.available),
    equity: formatMoney(equity),
    realizedPnl: formatMoney(ledger.realized),
    unrealizedPnl: formatMoney(unrealized),
    fees: formatMoney(ledger.fees),
    positions,
    // Copies: the desk goes on changing its own after this state is sent.
    openOrders: account.openOrders.map((o) => ({ ...o })),
    fills: [...account.fills],
    time: account.time,
  };
}
