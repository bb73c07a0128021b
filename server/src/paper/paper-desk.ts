// The paper trading desk: every paper account, their orders and fills, kept where the markets are (the single
// process, or a cluster's feed node, reached by edges through the command path). It checks an order (the symbol's
// grid, the account's cash or holdings, the rate), holds what the order may spend, sends it to the symbol's venue,
// books each fill in the account's ledger and tells the account's connections (private events, through `notify`).
//
// Accounts are reached by a secret token; each has a public id that names its connections' room. They live in
// memory: a reload or a reconnect keeps them, a server restart does not.

import { randomBytes } from 'node:crypto';
import {
  type AckError,
  checkOrder,
  formatMoney,
  averagePrice,
  type Instrument,
  type Lots,
  MAX_OPEN_ORDERS,
  type Money,
  PAPER_CURRENCIES,
  type PaperAccount,
  type PaperFill,
  type PaperOrder,
  type PlaceOrderAck,
  type PlaceOrderRequest,
  RECENT_FILLS,
  type Ticks,
  tradeValue,
  type CancelOrderAck,
  type ResetAccountAck,
} from '@tickline/shared';
import { type BucketLimits, TokenBucket } from '../hub/token-bucket.ts';
import { accountView, type MarkCache } from './account-view.ts';
import { PaperLedger } from './paper-ledger.ts';
import type { PaperVenue, VenueFill } from './venue.ts';

/** Where a desk's private events go: the connections of one account (its room), on every node. */
export interface PaperNotifier {
  account(accountId: string, account: PaperAccount): void;
  order(accountId: string, order: PaperOrder): void;
  fill(accountId: string, fill: PaperFill): void;
}

export interface PaperMarket {
  venue: PaperVenue;
  instrument: Instrument;
}

export interface PaperDeskOptions {
  /** Cash a new (or reset) account starts with. */
  startingCash: Money;
  /** Fee per fill, basis points of its value; 0 by default. */
  feeBps?: number;
  clock: () => number;
  /** The venue of a symbol; undefined for a symbol the server does not serve. */
  market(symbol: string): PaperMarket | undefined;
  notify: PaperNotifier;
  /** Accounts kept at most; past it, the least recently used is dropped (one that never traded first). */
  maxAccounts?: number;
  /** Orders, cancels and resets per account. Default 10/s, bursts of 20. */
  orderRate?: BucketLimits;
  /** New accounts per client address. Default 200 an hour, bursts of 200 (a room of phones behind one NAT). */
  newAccounts?: BucketLimits;
  /** While an account holds positions and was used this recently, it hears its marks each second. */
  markPushWithinMs?: number;
}

export const DEFAULT_STARTING_CASH: Money = 100_000n * 100_000_000n;

interface DeskOrder {
  wire: PaperOrder;
  instrument: Instrument;
  venue: PaperVenue;
  venueId: number;
  size: Lots;
  price: Ticks | undefined;
  filledLots: number;
  filledValue: Money;
  /** Cash (buys) or lots (sells) the order still holds in the ledger. */
  heldCash: Money;
  heldLots: number;
}

interface Account {
  id: string;
  token: string;
  ledger: PaperLedger;
  /** Open orders by desk id, oldest first. */
  open: Map<string, DeskOrder>;
  fills: PaperFill[];
  bucket: TokenBucket;
  lastSeen: number;
  /** Ever placed an order: such accounts are the last to be dropped when the desk is full. */
  traded: boolean;
}

export type OpenAccountResult = { ok: true; account: PaperAccount; accountId: string } | AckError;

const refuse = (code: AckError['error']['code'], message: string, retryAfterMs?: number): AckError => ({
  ok: false,
  error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs },
});

const NOT_FOUND = refuse(
  'unavailable',
  'this paper account is not on the server (it restarted, or dropped an unused account); reconnect for a new one',
);

export class PaperDesk {
  private readonly accounts = new Map<string, Account>(); // by token, least recently used first
  private readonly byVenueOrder = new Map<string, { account: Account; order: DeskOrder }>();
  private readonly newAccountBuckets = new Map<string, TokenBucket>();
  private readonly venues = new Set<PaperVenue>();
  private nextOrder = 1;
  private readonly feeBps: number;
  private readonly maxAccounts: number;
  private readonly orderRate: BucketLimits;
  private readonly newAccounts: BucketLimits;
  private readonly markPushWithinMs: number;

  constructor(private readonly options: PaperDeskOptions) {
    this.feeBps = options.feeBps ?? 0;
    this.maxAccounts = options.maxAccounts ?? 10_000;
    this.orderRate = options.orderRate ?? { rate: 10, burst: 20 };
    this.newAccounts = options.newAccounts ?? { rate: 200 / 3600, burst: 200 };
    this.markPushWithinMs = options.markPushWithinMs ?? 3_600_000;
  }

  get size(): number {
    return this.accounts.size;
  }

  /**
   * The account a connection presents the token of, or a new one (with its token in the state returned) when it
   * presents none or one the desk does not know.
   */
  open(token: string | undefined, address: string): OpenAccountResult {
    const now = this.options.clock();
    const known = token === undefined ? undefined : this.touch(token, now);
    if (known) return { ok: true, accountId: known.id, account: this.view(known, now) };
    let bucket = this.newAccountBuckets.get(address);
    if (!bucket) {
      if (this.newAccountBuckets.size >= 10_000) this.newAccountBuckets.clear();
      bucket = new TokenBucket(this.newAccounts, now);
      this.newAccountBuckets.set(address, bucket);
    }
    const wait = bucket.take(1, now);
    if (wait > 0)
      return refuse('rate_limited', `too many new paper accounts from ${address}; retry in ${wait} ms`, wait);
    if (this.accounts.size >= this.maxAccounts) this.evictOne();
    const account: Account = {
      id: randomBytes(6).toString('hex'),
      token: randomBytes(18).toString('base64url'),
      ledger: new PaperLedger(this.options.startingCash, this.feeBps),
      open: new Map(),
      fills: [],
      bucket: new TokenBucket(this.orderRate, now),
      lastSeen: now,
      traded: false,
    };
    this.accounts.set(account.token, account);
    return { ok: true, accountId: account.id, account: { ...this.view(account, now), token: account.token } };
  }

  place(token: string, request: PlaceOrderRequest): PlaceOrderAck {
    const now = this.options.clock();
    const account = this.touch(token, now);
    if (!account) return NOT_FOUND;
    const limited = this.limit(account, now);
    if (limited) return limited;
    const market = this.options.market(request.symbol);
    if (!market) return refuse('unknown_symbol', `unknown symbol ${request.symbol}`);
    const { venue, instrument } = market;
    if (!PAPER_CURRENCIES.includes(instrument.spec.quote))
      return refuse(
        'invalid_order',
        `symbol: paper accounts hold USD; ${request.symbol} is quoted in ${instrument.spec.quote}`,
      );
    const checked = checkOrder(request, instrument);
    if (!checked.ok) return refuse('invalid_order', `${checked.problem.field}: ${checked.problem.message}`);
    const { side, size, price, tif } = checked.order;
    if (account.open.size >= MAX_OPEN_ORDERS)
      return refuse('too_many_orders', `at most ${MAX_OPEN_ORDERS} open orders; cancel some first`);
    if (venue.halted(request.symbol)) return refuse('market_halted', `${request.symbol} is halted: no orders`);

    const ledger = account.ledger;
    let heldCash = 0n;
    let heldLots = 0;
    if (side === 'buy') {
      // A limit holds its worst case, every lot at the limit; a market order what the book would fill now.
      heldCash =
        price !== undefined
          ? ledger.withFee(tradeValue(instrument, price, size))
          : venue
              .sweep(request.symbol, 'buy', size)
              .reduce((sum, l) => sum + ledger.withFee(tradeValue(instrument, l.price, l.size)), 0n);
      if (heldCash > ledger.available)
        return refuse(
          'insufficient_funds',
          `this buy needs ${formatMoney(heldCash)} USD; ${formatMoney(ledger.available)} is available`,
        );
      ledger.holdCash(heldCash);
    } else {
      const free = ledger.availableLots(request.symbol);
      if (size > free)
        return refuse(
          'insufficient_funds',
          `size: selling ${instrument.formatSize(size)} but ${instrument.formatSize(free as Lots)} ${instrument.spec.base} is free to sell (paper accounts sell only what they hold)`,
        );
      heldLots = size;
      ledger.holdLots(request.symbol, heldLots);
    }
    account.traded = true;

    const order: DeskOrder = {
      wire: {
        id: `P${this.nextOrder++}`,
        symbol: request.symbol,
        side,
        type: checked.order.type,
        tif,
        size: instrument.formatSize(size),
        price: price === undefined ? null : instrument.formatPrice(price),
        filled: instrument.formatSize(0 as Lots),
        averagePrice: null,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      },
      instrument,
      venue,
      venueId: 0,
      size,
      price,
      filledLots: 0,
      filledValue: 0n,
      heldCash,
      heldLots,
    };
    this.watch(venue);
    const placed = venue.place({ symbol: request.symbol, side, size, price, tif });
    if (!placed.ok) {
      this.release(account, order);
      return refuse(placed.code, placed.message);
    }
    order.venueId = placed.id;
    for (const fill of placed.fills) this.book(account, order, fill, now);
    if (placed.resting > 0) {
      account.open.set(order.wire.id, order);
      this.byVenueOrder.set(venueKey(request.symbol, placed.id), { account, order });
    } else {
      this.finish(account, order, order.filledLots === size ? 'filled' : 'cancelled', now);
    }
    this.options.notify.order(account.id, { ...order.wire });
    this.options.notify.account(account.id, this.view(account, now));
    return { ok: true, order: { ...order.wire } };
  }

  cancel(token: string, orderId: string): CancelOrderAck {
    const now = this.options.clock();
    const account = this.touch(token, now);
    if (!account) return NOT_FOUND;
    const limited = this.limit(account, now);
    if (limited) return limited;
    const order = account.open.get(orderId);
    if (!order) return refuse('unknown_order', `no open order ${orderId} (filled, cancelled, or not this account's)`);
    this.takeOut(account, order, now);
    this.options.notify.order(account.id, { ...order.wire });
    this.options.notify.account(account.id, this.view(account, now));
    return { ok: true, order: { ...order.wire } };
  }

  /** Cancels every open order and starts the account again with the starting cash; the token stays. */
  reset(token: string): ResetAccountAck {
    const now = this.options.clock();
    const account = this.touch(token, now);
    if (!account) return NOT_FOUND;
    const limited = this.limit(account, now);
    if (limited) return limited;
    for (const order of [...account.open.values()]) {
      this.takeOut(account, order, now);
      this.options.notify.order(account.id, { ...order.wire });
    }
    account.ledger = new PaperLedger(this.options.startingCash, this.feeBps);
    account.fills = [];
    const view = this.view(account, now);
    this.options.notify.account(account.id, view);
    return { ok: true, account: view };
  }

  /** Sends each recently used account that holds positions its state marked to the market now (once a second). */
  pushMarks(): void {
    const now = this.options.clock();
    // One mark per symbol for the whole round: a shadow venue reads it from a snapshot of the hub's state.
    const marks: MarkCache = new Map();
    for (const account of this.accounts.values()) {
      if (now - account.lastSeen > this.markPushWithinMs) continue;
      let holds = false;
      for (const h of account.ledger.holdings.values()) holds ||= h.lots > 0;
      if (holds) this.options.notify.account(account.id, this.view(account, now, marks));
    }
  }

  /** The state of the account a token reaches, or undefined. */
  account(token: string): PaperAccount | undefined {
    const account = this.accounts.get(token);
    return account && this.view(account, this.options.clock());
  }

  private touch(token: string, now: number): Account | undefined {
    const account = this.accounts.get(token);
    if (!account) return undefined;
    account.lastSeen = now;
    // Re-inserted, so the map's order stays least recently used first.
    this.accounts.delete(token);
    this.accounts.set(token, account);
    return account;
  }

  private limit(account: Account, now: number): AckError | undefined {
    const wait = account.bucket.take(1, now);
    if (wait === 0) return undefined;
    return refuse(
      'rate_limited',
      `at most ${this.orderRate.rate} orders a second per account; retry in ${wait} ms`,
      wait,
    );
  }

  private evictOne(): void {
    let victim: Account | undefined;
    for (const account of this.accounts.values()) {
      victim ??= account;
      if (!account.traded) {
        victim = account;
        break;
      }
    }
    if (!victim) return;
    for (const order of [...victim.open.values()]) this.takeOut(victim, order, this.options.clock());
    this.accounts.delete(victim.token);
  }

  /** Takes the desk's handler onto a venue's later fills, once per venue. */
  private watch(venue: PaperVenue): void {
    if (this.venues.has(venue)) return;
    this.venues.add(venue);
    venue.onFill((symbol, id, fill) => this.restingFilled(symbol, id, fill));
  }

  private restingFilled(symbol: string, id: number, fill: VenueFill): void {
    const entry = this.byVenueOrder.get(venueKey(symbol, id));
    if (!entry) return;
    const { account, order } = entry;
    const now = this.options.clock();
    this.book(account, order, fill, now);
    if (order.filledLots >= order.size) this.finish(account, order, 'filled', now);
    this.options.notify.order(account.id, { ...order.wire });
    this.options.notify.account(account.id, this.view(account, now));
  }

  /** Books one fill of an order: the ledger, the order's figures, the account's fills, and its owner is told. */
  private book(account: Account, order: DeskOrder, fill: VenueFill, now: number): void {
    const { instrument } = order;
    const ledger = account.ledger;
    const symbol = instrument.spec.symbol;
    const remaining = order.size - order.filledLots;
    let fee: Money;
    if (order.wire.side === 'buy') {
      // The held cash for these lots is set free, then the trade's own value and fee are paid.
      const release =
        fill.size >= remaining
          ? order.heldCash
          : order.price !== undefined
            ? minMoney(order.heldCash, ledger.withFee(tradeValue(instrument, order.price, fill.size)))
            : minMoney(order.heldCash, ledger.withFee(tradeValue(instrument, fill.price, fill.size)));
      order.heldCash -= release;
      ledger.releaseCash(release);
      fee = ledger.bought(instrument, fill.price, fill.size);
    } else {
      order.heldLots -= fill.size;
      ledger.releaseLots(symbol, fill.size);
      fee = ledger.sold(instrument, fill.price, fill.size);
    }
    order.filledLots += fill.size;
    order.filledValue += tradeValue(instrument, fill.price, fill.size);
    order.wire.filled = instrument.formatSize(order.filledLots as Lots);
    order.wire.averagePrice = instrument.formatPrice(
      averagePrice(instrument, order.filledValue, order.filledLots as Lots),
    );
    order.wire.updatedAt = now;
    const wire: PaperFill = {
      orderId: order.wire.id,
      symbol,
      side: order.wire.side,
      price: instrument.formatPrice(fill.price),
      size: instrument.formatSize(fill.size),
      fee: formatMoney(fee),
      liquidity: fill.liquidity,
      time: now,
      printed: fill.printed,
    };
    account.fills.unshift(wire);
    if (account.fills.length > RECENT_FILLS) account.fills.length = RECENT_FILLS;
    this.options.notify.fill(account.id, wire);
  }

  /** Out of the book by its owner (or a reset, or eviction): what it still held is set free. */
  private takeOut(account: Account, order: DeskOrder, now: number): void {
    order.venue.cancel(order.wire.symbol, order.venueId);
    this.finish(account, order, 'cancelled', now);
  }

  private finish(account: Account, order: DeskOrder, status: 'filled' | 'cancelled', now: number): void {
    this.release(account, order);
    order.wire.status = status;
    order.wire.updatedAt = now;
    account.open.delete(order.wire.id);
    this.byVenueOrder.delete(venueKey(order.wire.symbol, order.venueId));
  }

  private release(account: Account, order: DeskOrder): void {
    if (order.heldCash > 0n) account.ledger.releaseCash(order.heldCash);
    if (order.heldLots > 0) account.ledger.releaseLots(order.wire.symbol, order.heldLots);
    order.heldCash = 0n;
    order.heldLots = 0;
  }

  private view(account: Account, now: number, marks?: MarkCache): PaperAccount {
    return accountView(
      {
        id: account.id,
        ledger: account.ledger,
        openOrders: [...account.open.values()].map((o) => o.wire),
        fills: account.fills,
        time: now,
      },
      this.options.market,
      marks,
    );
  }
}

function venueKey(symbol: string, id: number): string {
  return `${symbol}#${id}`;
}

function minMoney(a: Money, b: Money): Money {
  return a < b ? a : b;
}
