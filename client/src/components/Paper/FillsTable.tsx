// The account's recent fills, newest first, each saying whether it took liquidity or rested and was taken.

import type { Instrument, PaperFill } from '@tickline/shared';
import { memo } from 'react';
import { formatTime } from '../format.ts';
import { MoneyCell, PriceCell, SizeCell } from './cells.tsx';
import { useInstrumentOf } from './useInstrumentOf.ts';

export const FillsTable = memo(function FillsTable({ fills }: { fills: readonly PaperFill[] }) {
  const instrumentOf = useInstrumentOf();
  if (fills.length === 0) return <p className="paper-empty">No fills yet.</p>;
  return (
    <div className="paper-table__scroll" tabIndex={0} role="region" aria-label="Fills, newest first">
      <table className="paper-table" data-testid="fills-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col">Price</th>
            <th scope="col">Size</th>
            <th scope="col">Fee</th>
          </tr>
        </thead>
        <tbody>
          {fillKeys(fills).map((key, i) => {
            const fill = fills[i] as PaperFill;
            return <FillRow key={key} fill={fill} instrument={instrumentOf(fill.symbol)} />;
          })}
        </tbody>
      </table>
    </div>
  );
});

function FillRow({ fill, instrument }: { fill: PaperFill; instrument: Instrument | undefined }) {
  return (
    <tr data-testid="fill-row" data-symbol={fill.symbol} data-side={fill.side}>
      <td className="num">{formatTime(fill.time)}</td>
      <th scope="row">{fill.symbol}</th>
      <td className={fill.side === 'buy' ? 'trend-up' : 'trend-down'}>
        {fill.side === 'buy' ? 'Buy' : 'Sell'}{' '}
        <span
          className="paper-table__muted"
          title={fill.liquidity === 'taker' ? 'Taker: took liquidity' : 'Maker: rested in the book'}
        >
          {fill.liquidity === 'taker' ? 'T' : 'M'}
        </span>
      </td>
      <PriceCell instrument={instrument} value={fill.price} />
      <SizeCell instrument={instrument} value={fill.size} />
      <MoneyCell value={fill.fee} />
    </tr>
  );
}

/** Fills have no id of their own: what each says, numbered when two say the same, keeps a row's key as fills arrive. */
function fillKeys(fills: readonly PaperFill[]): string[] {
  const seen = new Map<string, number>();
  return fills.map(({ orderId, time, price, size }) => {
    const key = `${orderId}|${time}|${price}|${size}`;
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return count === 0 ? key : `${key}|${count}`;
  });
}
