// What the account holds: size, average price, the mark and the unrealized P&L it gives (re-marked live from the
// page's own books), and what selling has realized.

import type { Instrument, PaperAccount, PaperPosition } from '@tickline/shared';
import { memo } from 'react';
import { MoneyCell, PnlCell, PriceCell, SizeCell } from './cells.tsx';
import { useInstrumentOf } from './useInstrumentOf.ts';
import { useLiveAccount } from './useLiveAccount.ts';

export function PositionsTable({ account }: { account: PaperAccount }) {
  const live = useLiveAccount(account) ?? account;
  return <Positions positions={live.positions} />;
}

const Positions = memo(function Positions({ positions }: { positions: readonly PaperPosition[] }) {
  const instrumentOf = useInstrumentOf();
  if (positions.length === 0) return <p className="paper-empty">No positions. Buy something to hold it here.</p>;
  return (
    <div className="paper-table__scroll" tabIndex={0} role="region" aria-label="Positions">
      <table className="paper-table" data-testid="positions-table">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Size</th>
            <th scope="col">Avg price</th>
            <th scope="col">Mark</th>
            <th scope="col">Value</th>
            <th scope="col">Unrealized</th>
            <th scope="col">Realized</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((position) => (
            <PositionRow key={position.symbol} position={position} instrument={instrumentOf(position.symbol)} />
          ))}
        </tbody>
      </table>
    </div>
  );
});

const PositionRow = memo(function PositionRow({
  position,
  instrument,
}: {
  position: PaperPosition;
  instrument: Instrument | undefined;
}) {
  return (
    <tr data-testid="position-row" data-symbol={position.symbol}>
      <th scope="row">{position.symbol}</th>
      <SizeCell instrument={instrument} value={position.size} />
      <PriceCell instrument={instrument} value={position.averagePrice} />
      <PriceCell instrument={instrument} value={position.mark} />
      {position.marketValue === null ? <td className="num">—</td> : <MoneyCell value={position.marketValue} />}
      <PnlCell value={position.unrealizedPnl} testId="position-unrealized" />
      <PnlCell value={position.realizedPnl} />
    </tr>
  );
});
