// Paper trading: the orders a client places with play money, and the private events about its account. Orders go
// into the simulator's matching engine as real orders (they move the book and print in the tape for everyone); on a
// real exchange's symbols they fill against the live book with no market impact. Sizes, prices and money travel as
// decimal strings, never floats. docs/PROTOCOL.md ("Paper trading") describes the same in prose.

import type { Ack } from './payloads.ts';

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ['market', 'limit'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/**
 * How long a limit order lives: `gtc` rests until filled or cancelled; `ioc` fills what it can at once and cancels
 * the rest; `post_only` must rest (refused when it would trade at once). A market order is always `ioc`.
 */
export const TIMES_IN_FORCE = ['gtc', 'ioc', 'post_only'] as const;
export type TimeInForce = (typeof TIMES_IN_FORCE)[number];

/** The currencies a paper account's cash can pay for: the account holds USD; stablecoins count at par. */
export const PAPER_CURRENCIES: readonly string[] = ['USD', 'USDT', 'USDC'];

/** Most open orders one account may have at once. */
export const MAX_OPEN_ORDERS = 50;

export interface PlaceOrderRequest {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /** In the symbol's base units, on its lot grid (`"0.05"`). */
  size: string;
  /** Limit orders only: on the symbol's tick grid (`"64250.50"`). */
  price?: string | undefined;
  /** Limit orders only; `gtc` when absent. */
  tif?: TimeInForce | undefined;
}

export interface CancelOrderRequest {
  orderId: string;
}

/** Nothing to say: resets the account of the connection that asks. */
export type ResetAccountRequest = Record<string, never>;

/**
 * - open: resting in the book (possibly partly filled);
 * - filled: every lot traded;
 * - cancelled: by its owner, by an account reset, or the unfilled rest of a market or IOC order (`filled` says how
 *   much traded first).
 */
export type OrderStatus = 'open' | 'filled' | 'cancelled';

export interface PaperOrder {
  /** The server's id, for order:cancel. */
  id: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  tif: TimeInForce;
  size: string;
  /** The limit; null for a market order. */
  price: string | null;
  /** Lots traded so far, as a size. */
  filled: string;
  /** Size-weighted price of what traded (at the symbol's precision, rounded); null before any fill. */
  averagePrice: string | null;
  status: OrderStatus;
  /** Server time (ms since epoch) it was placed, and of its last change. */
  createdAt: number;
  updatedAt: number;
}

/** One trade of one of the account's orders. */
export interface PaperFill {
  orderId: string;
  symbol: string;
  side: OrderSide;
  price: string;
  size: string;
  /** Money: the fee charged (0 unless the server sets one). */
  fee: string;
  /** `taker`: the order traded on arrival; `maker`: it rested and someone traded with it. */
  liquidity: 'maker' | 'taker';
  time: number;
  /**
   * True when the trade happened in the market's own book and printed in the tape for every viewer (the simulator);
   * false for a fill simulated against a real exchange's book, which nobody else sees.
   */
  printed: boolean;
}

/** What the account holds of one symbol (paper accounts are spot accounts: no short positions). */
export interface PaperPosition {
  symbol: string;
  /** Base units held. */
  size: string;
  /** What the holding cost, money (fees not included): the cost basis that average price and P&L are measured from. */
  cost: string;
  /** cost / size at the symbol's price precision (rounded). */
  averagePrice: string;
  /** The live mid the position is marked to (the last trade when a side of the book is empty); null if unknown. */
  mark: string | null;
  /** size × mark, money; null without a mark. */
  marketValue: string | null;
  /** marketValue − cost; null without a mark. */
  unrealizedPnl: string | null;
  /** What selling this symbol has made or lost against its cost, money, since the account opened or was reset. */
  realizedPnl: string;
}

/** A paper account as its owner sees it. Money is a decimal string in the account's currency (`currency`). */
export interface PaperAccount {
  /** Public id (not a secret). */
  id: string;
  /**
   * The secret that reaches this account: present only in the `account` event sent right after the server opened a
   * new account for a connection. Keep it (localStorage) and connect with `auth: { account: token }` from then on.
   */
  token?: string;
  currency: 'USD';
  startingCash: string;
  /** Everything in cash, including what open buy orders hold. */
  cash: string;
  /** Cash not held by open buy orders: what a new buy can spend. */
  available: string;
  /** cash + Σ position market values (a position without a mark counts at cost). */
  equity: string;
  realizedPnl: string;
  /** Σ positions' unrealized P&L (those with a mark). */
  unrealizedPnl: string;
  /** Fees paid since the account opened or was reset. */
  fees: string;
  positions: PaperPosition[];
  openOrders: PaperOrder[];
  /** The newest fills first, at most RECENT_FILLS of them. */
  fills: PaperFill[];
  /** Server time of this state. */
  time: number;
}

/** Fills an `account` event carries. */
export const RECENT_FILLS = 50;

export type PlaceOrderAck = Ack<{ order: PaperOrder }>;
export type CancelOrderAck = Ack<{ order: PaperOrder }>;
export type ResetAccountAck = Ack<{ account: PaperAccount }>;
