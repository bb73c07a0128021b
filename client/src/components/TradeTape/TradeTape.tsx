// The selected symbol's recent executions, newest first, each price coloured by the side that took liquidity.

import { BUY, type Instrument, type Trade } from '@tickline/shared';
import { memo } from 'react';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { useTrades } from '../../hooks/useTrades.ts';
import { formatTimeMs } from '../format.ts';
import { Panel } from '../Panel/Panel.tsx';
import './TradeTape.css';

/** Trades shown; the tape is bounded however fast the market trades. */
export const TAPE_TRADES = 40;

export function TradeTape({ count = TAPE_TRADES }: { count?: number }) {
  const symbol = useSelectedSymbol();
  const instrument = useInstrument(symbol);
  const trades = useTrades(symbol, count);
  const { base, quote } = instrument.spec;
  return (
    <Panel title="Trades" className="trade-tape" data-testid="trade-tape" data-symbol={symbol}>
      <div className="tape__columns" aria-hidden="true">
        <span>Price ({quote})</span>
        <span>Size ({base})</span>
        <span>Time</span>
      </div>
      <div className="tape__rows">
        {trades.length === 0 ? <p className="tape__empty">No trades yet</p> : null}
        {trades.map((trade) => (
          <TradeRow key={trade[0]} trade={trade} instrument={instrument} />
        ))}
      </div>
    </Panel>
  );
}

// Trade tuples are immutable and kept by reference in the replica, so memo skips every row already on screen.
const TradeRow = memo(function TradeRow({ trade, instrument }: { trade: Trade; instrument: Instrument }) {
  const [id, price, size, aggressor, time] = trade;
  const side = aggressor === BUY ? 'buy' : 'sell';
  return (
    <div className={`tape__row tape__row--${side}`} data-testid="trade-row" data-trade-id={id} data-side={side}>
      <span className="num tape__price">{instrument.formatPrice(price)}</span>
      <span className="num">{instrument.formatSize(size)}</span>
      <span className="num tape__time">{formatTimeMs(time)}</span>
    </div>
  );
});
