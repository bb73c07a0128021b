// The order ticket for the selected market: side, type, time in force, size and price, checked against the symbol's
// lot and tick grid before anything is sent (the server's own check), the value it would cost and the cash to pay
// it, and the server's answer in words. A price picked in the book or on the chart lands in its price field.

import {
  ASK,
  BID,
  formatMoney,
  type Instrument,
  type OrderSide,
  type PaperAccount,
  type PaperOrder,
  type Ticks,
  type TimeInForce,
} from '@tickline/shared';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useSampled } from '../../hooks/useSampled.ts';
import { onPricePick } from '../../market/price-picks.ts';
import type { MarketStore } from '../../market/store.ts';
import { ackErrorText, type ErrorText } from '../../paper/ack-errors.ts';
import {
  checkDraft,
  EMPTY_DRAFT,
  estimateValue,
  untradable,
  type DraftField,
  type OrderDraft,
} from '../../paper/order-draft.ts';
import type { PaperRequests } from '../../paper/paper-link.ts';
import { onTicketRequest } from '../../paper/ticket-requests.ts';
import { formatMoneyAmount, formatPriceText, formatSizeText } from '../format.ts';

const TIF_LABELS: Record<TimeInForce, string> = { gtc: 'GTC', ioc: 'IOC', post_only: 'Post-only' };
const TIF_TITLES: Record<TimeInForce, string> = {
  gtc: 'Good till cancelled: rests until it fills or you cancel it',
  ioc: 'Immediate or cancel: fills what it can now, cancels the rest',
  post_only: 'Post-only: must rest in the book; refused if it would trade at once',
};

/** How often the estimate follows the best price on the other side. */
const ESTIMATE_MS = 250;

/** The server's answer to the last order sent; `n` counts answers, so two alike still read as two. */
type Outcome = { n: number; kind: 'placed'; text: string } | { n: number; kind: 'refused'; error: ErrorText };

interface OrderTicketProps {
  symbol: string;
  instrument: Instrument;
  account: PaperAccount | null;
  online: boolean;
  requests: PaperRequests | null;
}

export function OrderTicket({ symbol, instrument, account, online, requests }: OrderTicketProps) {
  const [draft, setDraft] = useState<OrderDraft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<{ field: DraftField; message: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const answers = useRef(0);
  const sizeInput = useRef<HTMLInputElement>(null);
  const priceInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const { spec } = instrument;
  const refusal = untradable(instrument);

  const change = useCallback((next: Partial<OrderDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    // An edited field is no longer the one at fault, and a market order has no price to be wrong.
    setProblem((p) => (p && (p.field in next || next.type === 'market') ? null : p));
  }, []);

  // A price clicked in the book or on the chart: a limit order at that price.
  useEffect(
    () =>
      onPricePick((pick) => {
        if (pick.symbol !== symbol) return;
        change({ type: 'limit', price: instrument.formatPrice(pick.priceTicks as Ticks) });
      }),
    [symbol, instrument, change],
  );

  // `b` and `s`: the side, and the size field to type into.
  useEffect(
    () =>
      onTicketRequest((side) => {
        change({ side });
        sizeInput.current?.focus();
        sizeInput.current?.select();
      }),
    [change],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft, instrument);
    if (!checked.ok) {
      setProblem({ field: checked.field, message: checked.message });
      (checked.field === 'price' ? priceInput : sizeInput).current?.focus();
      return;
    }
    if (!requests || sending) return;
    setProblem(null);
    setOutcome(null);
    setSending(true);
    const ack = await requests.place(checked.request);
    setSending(false);
    const n = ++answers.current;
    setOutcome(
      ack.ok
        ? { n, kind: 'placed', text: placedText(ack.order, instrument) }
        : { n, kind: 'refused', error: ackErrorText(ack) },
    );
  };

  const limit = draft.type === 'limit';
  const errorId = `${id}-error`;
  const fieldError = (field: DraftField) =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const held = account?.positions.find((p) => p.symbol === symbol)?.size;
  const sideLabel = draft.side === 'buy' ? 'Buy' : 'Sell';

  return (
    <form className="ticket" aria-label="Order ticket" data-testid="order-ticket" noValidate onSubmit={submit}>
      <div className="ticket__modes">
        <div className="ticket__toggle ticket__sides" role="group" aria-label="Side">
          {(['buy', 'sell'] as const).map((side) => (
            <button
              key={side}
              type="button"
              className={`ticket__choice ticket__choice--${side}`}
              aria-pressed={draft.side === side}
              data-testid={`ticket-side-${side}`}
              onClick={() => change({ side })}
            >
              {side === 'buy' ? 'Buy' : 'Sell'}
            </button>
          ))}
        </div>
        <div className="ticket__toggle" role="group" aria-label="Order type">
          {(['market', 'limit'] as const).map((type) => (
            <button
              key={type}
              type="button"
              className="ticket__choice"
              aria-pressed={draft.type === type}
              data-testid={`ticket-type-${type}`}
              onClick={() => change({ type })}
            >
              {type === 'market' ? 'Market' : 'Limit'}
            </button>
          ))}
        </div>
      </div>
      {limit ? (
        <div className="ticket__toggle ticket__tifs" role="group" aria-label="Time in force">
          {(['gtc', 'ioc', 'post_only'] as const).map((tif) => (
            <button
              key={tif}
              type="button"
              className="ticket__choice ticket__choice--small"
              aria-pressed={draft.tif === tif}
              title={TIF_TITLES[tif]}
              data-testid={`ticket-tif-${tif}`}
              onClick={() => change({ tif })}
            >
              {TIF_LABELS[tif]}
            </button>
          ))}
        </div>
      ) : null}
      <div className="ticket__fields">
        <label className="ticket__field">
          <span className="ticket__label">
            <span>
              Size <span className="ticket__unit">({spec.base})</span>
            </span>
            <span className="ticket__step">step {spec.lotSize}</span>
          </span>
          <input
            ref={sizeInput}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={draft.size}
            data-testid="ticket-size"
            onChange={(e) => change({ size: e.target.value })}
            {...fieldError('size')}
          />
        </label>
        {limit ? (
          <label className="ticket__field">
            <span className="ticket__label">
              <span>
                Price <span className="ticket__unit">({spec.quote})</span>
              </span>
              <span className="ticket__step">step {spec.tickSize}</span>
            </span>
            <input
              ref={priceInput}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft.price}
              data-testid="ticket-price"
              onChange={(e) => change({ price: e.target.value })}
              {...fieldError('price')}
            />
          </label>
        ) : null}
      </div>
      {problem ? (
        <p id={errorId} className="ticket__error" role="alert" data-testid="ticket-error" data-field={problem.field}>
          {problem.message}
        </p>
      ) : null}
      {refusal !== undefined ? (
        <p className="ticket__error" data-testid="ticket-untradable">
          {refusal}
        </p>
      ) : null}
      <dl className="ticket__facts">
        <OrderEstimate symbol={symbol} instrument={instrument} draft={draft} />
        <div>
          <dt>Available</dt>
          <dd className="num" data-testid="ticket-available">
            {account ? `${formatMoneyAmount(account.available)} ${account.currency}` : '—'}
          </dd>
        </div>
        {held !== undefined ? (
          <div>
            <dt>Holding</dt>
            <dd className="num">
              {formatSizeText(instrument, held)} {spec.base}
            </dd>
          </div>
        ) : null}
      </dl>
      <button
        type="submit"
        className={`ticket__submit ticket__submit--${draft.side}`}
        disabled={refusal !== undefined || !online || sending}
        data-testid="ticket-submit"
      >
        {sending ? 'Sending…' : `${sideLabel} ${spec.base}`}
      </button>
      {!online ? (
        <p className="ticket__hint" data-testid="ticket-offline">
          {requests ? 'Waiting for your paper account…' : 'Paper trading is not connected.'}
        </p>
      ) : null}
      <p
        className="ticket__outcome"
        role="status"
        aria-live="polite"
        data-testid="ticket-result"
        data-state={outcome?.kind}
        data-answer={outcome?.n}
      >
        {outcome?.kind === 'placed' ? outcome.text : null}
        {outcome?.kind === 'refused' ? (
          <>
            <strong>{outcome.error.summary}.</strong>
            {outcome.error.detail ? <span className="ticket__detail"> {outcome.error.detail}</span> : null}
          </>
        ) : null}
      </p>
    </form>
  );
}

/**
 * Size × the limit, or × the best price on the other side for a market order. Its own component: it follows the
 * book (a few times a second at most), and the rest of the ticket has no reason to.
 */
function OrderEstimate({ symbol, instrument, draft }: { symbol: string; instrument: Instrument; draft: OrderDraft }) {
  const side: OrderSide = draft.side;
  const touch = useSampled(
    useCallback(
      (store: MarketStore) => store.replica(symbol).book.priceAt(side === 'buy' ? ASK : BID, 0) ?? null,
      [symbol, side],
    ),
    ESTIMATE_MS,
  );
  const value = estimateValue(draft, instrument, { bid: touch, ask: touch, last: null });
  const market = draft.type === 'market';
  return (
    <div>
      <dt>{market ? 'Est. value' : 'Value'}</dt>
      <dd className="num" data-testid="ticket-estimate">
        {value === undefined
          ? '—'
          : `${market ? '≈ ' : ''}${formatMoneyAmount(formatMoney(value))} ${instrument.spec.quote}`}
      </dd>
    </div>
  );
}

/** What the server did with the order, in a sentence: filled, resting, or cancelled with what traded first. */
export function placedText(order: PaperOrder, instrument: Instrument): string {
  const verb = order.side === 'buy' ? 'Bought' : 'Sold';
  const what = `${instrument.spec.base}`;
  const size = formatSizeText(instrument, order.size);
  const filled = formatSizeText(instrument, order.filled);
  const average = order.averagePrice === null ? null : formatPriceText(instrument, order.averagePrice);
  const noneFilled = !/[1-9]/.test(order.filled);
  if (order.status === 'filled') return `${verb} ${size} ${what} at ${average ?? 'market'}.`;
  if (order.status === 'open') {
    const limit = order.price === null ? '' : ` at ${formatPriceText(instrument, order.price)}`;
    const side = order.side === 'buy' ? 'Buy' : 'Sell';
    return noneFilled
      ? `${side} ${size} ${what}${limit} is resting in the book.`
      : `${verb} ${filled} ${what} at ${average}; the rest of ${size} rests${limit}.`;
  }
  return noneFilled
    ? 'Nothing traded: no price in the book met the order, so it was cancelled.'
    : `${verb} ${filled} of ${size} ${what} at ${average}; the rest was cancelled.`;
}
