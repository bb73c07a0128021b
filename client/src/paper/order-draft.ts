// The order ticket's fields as typed, and the checks that turn them into an order request or say, naming the field,
// why not. The grid checks are the server's own (checkOrder): a refusal here and one from the server read alike.

import {
  checkOrder,
  PAPER_CURRENCIES,
  tradeValue,
  type Instrument,
  type Money,
  type OrderSide,
  type OrderType,
  type PlaceOrderRequest,
  type TimeInForce,
} from '@tickline/shared';
import type { Quote } from './live-marks.ts';

export interface OrderDraft {
  side: OrderSide;
  type: OrderType;
  /** A limit order's time in force; a market order is always IOC. */
  tif: TimeInForce;
  /** As typed. */
  size: string;
  /** As typed; a market order ignores it. */
  price: string;
}

export const EMPTY_DRAFT: OrderDraft = { side: 'buy', type: 'market', tif: 'gtc', size: '', price: '' };

export type DraftField = 'symbol' | 'size' | 'price' | 'tif';

export type DraftCheck = { ok: true; request: PlaceOrderRequest } | { ok: false; field: DraftField; message: string };

/** Why a paper account cannot trade `instrument`, or undefined when it can: its cash is USD (stablecoins at par). */
export function untradable(instrument: Instrument): string | undefined {
  const { symbol, quote } = instrument.spec;
  if (PAPER_CURRENCIES.includes(quote)) return undefined;
  return `Paper trading takes markets quoted in ${PAPER_CURRENCIES.join(', ')}; ${symbol} is quoted in ${quote}.`;
}

/** Separators people type or paste (1,000 or 1 000) are allowed; `.5` and `5.` read as numbers do. */
function cleaned(text: string): string {
  const value = text.replace(/[,\s_]/g, '');
  if (value.startsWith('.')) return `0${value}`;
  return value.endsWith('.') ? value.slice(0, -1) : value;
}

function numberProblem(field: 'size' | 'price', value: string, example: string): string | undefined {
  if (value === '') return `Enter a ${field}.`;
  if (!/^\d+(\.\d+)?$/.test(value)) return `Enter the ${field} as a positive number, such as ${example}.`;
  return undefined;
}

/** The server's phrasing with a capital and a full stop: `Size 0.00005 is not a multiple of ... 0.0001.` */
const sentence = (text: string): string =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`;

export function checkDraft(draft: OrderDraft, instrument: Instrument): DraftCheck {
  const { spec } = instrument;
  const refused = untradable(instrument);
  if (refused !== undefined) return { ok: false, field: 'symbol', message: refused };
  const size = cleaned(draft.size);
  const sizeProblem = numberProblem('size', size, spec.lotSize);
  if (sizeProblem) return { ok: false, field: 'size', message: sizeProblem };
  const request: PlaceOrderRequest = { symbol: spec.symbol, side: draft.side, type: draft.type, size };
  if (draft.type === 'limit') {
    const price = cleaned(draft.price);
    const priceProblem = numberProblem('price', price, spec.tickSize);
    if (priceProblem) return { ok: false, field: 'price', message: priceProblem };
    request.price = price;
    request.tif = draft.tif;
  }
  const checked = checkOrder(request, instrument);
  if (!checked.ok) return { ok: false, field: checked.problem.field, message: sentence(checked.problem.message) };
  return { ok: true, request };
}

/**
 * What the order would cost or bring, before fees: size × the limit, or × the best price on the other side for a
 * market order (which may walk further down the book: an estimate). Undefined until the fields and the book allow.
 */
export function estimateValue(draft: OrderDraft, instrument: Instrument, quote: Quote): Money | undefined {
  const checked = checkDraft(draft, instrument);
  if (!checked.ok) return undefined;
  const { request } = checked;
  const size = instrument.parseSize(request.size);
  const price =
    request.price !== undefined ? instrument.parsePrice(request.price) : request.side === 'buy' ? quote.ask : quote.bid;
  return price === null ? undefined : tradeValue(instrument, price, size);
}
