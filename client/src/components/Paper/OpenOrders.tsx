// The account's resting orders, each with its Cancel; a refused cancel says why (already filled, say).

import type { Instrument, PaperOrder } from '@tickline/shared';
import { useState } from 'react';
import { ackErrorText, type ErrorText } from '../../paper/ack-errors.ts';
import type { PaperRequests } from '../../paper/paper-link.ts';
import { PriceCell, SizeCell } from './cells.tsx';
import { useInstrumentOf } from './useInstrumentOf.ts';

const TIF_SHORT = { gtc: 'GTC', ioc: 'IOC', post_only: 'Post' } as const;

export function OpenOrders({ orders, requests }: { orders: readonly PaperOrder[]; requests: PaperRequests | null }) {
  const instrumentOf = useInstrumentOf();
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const [refusal, setRefusal] = useState<ErrorText | null>(null);

  const cancel = async (order: PaperOrder) => {
    if (!requests) return;
    setRefusal(null);
    setCancelling((s) => new Set(s).add(order.id));
    const ack = await requests.cancel(order.id);
    // Cancelled, the row goes with the account's next state; until then it still says so.
    if (ack.ok) return;
    setCancelling((s) => {
      const next = new Set(s);
      next.delete(order.id);
      return next;
    });
    setRefusal(ackErrorText(ack));
  };

  return (
    <>
      {refusal ? (
        <p className="paper-error" role="alert" data-testid="orders-error">
          <strong>Cancel refused: {refusal.summary}.</strong>
          {refusal.detail ? ` ${refusal.detail}` : null}
        </p>
      ) : null}
      {orders.length === 0 ? (
        <p className="paper-empty">No open orders. A limit order that does not fill at once rests here.</p>
      ) : (
        <div className="paper-table__scroll" tabIndex={0} role="region" aria-label="Open orders">
          <table className="paper-table" data-testid="orders-table">
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Side</th>
                <th scope="col">Price</th>
                <th scope="col">Size</th>
                <th scope="col">Filled</th>
                <th scope="col">
                  <span className="visually-hidden">Cancel</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <OrderRow
                  key={order.id}
                  order={order}
                  instrument={instrumentOf(order.symbol)}
                  cancelling={cancelling.has(order.id)}
                  onCancel={() => void cancel(order)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function OrderRow({
  order,
  instrument,
  cancelling,
  onCancel,
}: {
  order: PaperOrder;
  instrument: Instrument | undefined;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const side = order.side === 'buy' ? 'Buy' : 'Sell';
  return (
    <tr data-testid="order-row" data-order-id={order.id} data-symbol={order.symbol} data-price={order.price ?? ''}>
      <th scope="row">{order.symbol}</th>
      <td className={order.side === 'buy' ? 'trend-up' : 'trend-down'}>
        {side} <span className="paper-table__muted">{TIF_SHORT[order.tif]}</span>
      </td>
      <PriceCell instrument={instrument} value={order.price} />
      <SizeCell instrument={instrument} value={order.size} />
      <SizeCell instrument={instrument} value={order.filled} />
      <td>
        <button
          type="button"
          className="paper-button paper-button--small"
          disabled={cancelling}
          data-testid="order-cancel"
          aria-label={`Cancel ${side.toLowerCase()} ${order.symbol} ${order.price ?? 'market'}`}
          onClick={onCancel}
        >
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </td>
    </tr>
  );
}
