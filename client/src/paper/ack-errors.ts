// What a refused paper request means, in words for the trader: the server's code picks the sentence, and the
// server's own message (which names the numbers: the cash needed, the lot size) follows it as the detail.

import { MAX_OPEN_ORDERS, type AckError, type ErrorCode } from '@tickline/shared';

const SENTENCES: Record<ErrorCode, string> = {
  invalid_order: 'The order is not valid',
  unknown_symbol: 'Paper trading does not cover this market',
  insufficient_funds: 'Not enough funds: a buy needs the cash, a sell needs the holding',
  market_halted: 'This market is halted: no orders until it reopens',
  rate_limited: 'Too many requests: wait a moment and try again',
  unknown_order: 'That order is no longer open',
  too_many_orders: `Too many open orders: at most ${MAX_OPEN_ORDERS} at a time`,
  unavailable: 'The server could not take the request: try again',
  invalid_payload: 'The server could not read the request',
  too_many_symbols: 'The server refused the request',
  admin_disabled: 'The server refused the request',
  unauthorized: 'The server refused the request',
  internal: 'The server failed to handle the request',
};

export interface ErrorText {
  /** The sentence for the code. */
  summary: string;
  /** The server's own words, when it said any. */
  detail: string | undefined;
}

export function ackErrorText({ error }: AckError): ErrorText {
  const detail = error.message.trim();
  return { summary: SENTENCES[error.code] ?? 'The server refused the request', detail: detail || undefined };
}
