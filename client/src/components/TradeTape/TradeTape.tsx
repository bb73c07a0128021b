// The selected symbol's recent executions, newest first, each marked (arrow and colour) by the side that took
// liquidity, and the viewer's own paper trades marked as theirs; greyed out and badged while the symbol's data is
// not live.

import { BUY, type Instrument, type PaperFill, type Trade } from '@tickline/shared';
import { memo, useMemo } from 'react';
import { useFreshness } from '../../hooks/useFreshness.ts';
import { useSelectedSymbol } from '../../hooks/useSelectedSymbol.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { useTrades } from '../../hooks/useTrades.ts';
import { ownTradeIds } from '../../paper/own-trades.ts';
import { useAccountState } from '../../paper/paper-context.ts';
import { createFader } from '../Fade/fader.ts';
import { useFade } from '../Fade/useFade.ts';
import { FreshnessBadge } from '../FreshnessBadge/FreshnessBadge.tsx';
import { formatPrice, formatSize, formatTimeMs } from '../format.ts';
import { Panel } from '../Panel/Panel.tsx';
import './TradeTape.css';

/** Trades shown; the tape is bounded however fast the market trades. */
export const TAPE_TRADES = 40;

/** A new row's highlight: three painted steps over 600 ms (TradeTape.css, [data-fade]). */
const NEW_TRADE = createFader({ steps: 3, durationMs: 600 });

export function TradeTape({ count = TAPE_TRADES }: { count?: number }) {
  const symbol = useSelectedSymbol();
  const instrument = useInstrument(symbol);
  const trades = useTrades(symbol, count);
  const freshness = useFreshness(symbol);
  const own = useOwnTrades(symbol, instrument, trades);
  const { base, quote } = instrument.spec;
  return (
    <Panel
      title="Trades"
      aside={<FreshnessBadge symbol={symbol} freshness={freshness} />}
      className={freshness === 'live' ? 'trade-tape' : 'trade-tape trade-tape--not-live'}
      data-testid="trade-tape"
      data-symbol={symbol}
      data-freshness={freshness}
    >
      <div className="tape__columns" aria-hidden="true">
        {/* The arrows under it say the side; a word would not fit the column beside a narrow tape's price. */}
        <span />
        <span>Price ({quote})</span>
        <span>Size ({base})</span>
        <span>Time</span>
      </div>
      {/* Focusable so a keyboard can scroll it, as a mouse wheel can. */}
      <div className="tape__rows" tabIndex={0} role="region" aria-label="Trades, newest first">
        {trades.length === 0 ? <p className="tape__empty">No trades yet</p> : null}
        {trades.map((trade) => (
          <TradeRow key={trade[0]} trade={trade} instrument={instrument} own={own.has(trade[0])} />
        ))}
      </div>
    </Panel>
  );
}

// Trade tuples are immutable and kept by reference in the replica, so memo skips every row already on screen.
const TradeRow = memo(function TradeRow({
  trade,
  instrument,
  own,
}: {
  trade: Trade;
  instrument: Instrument;
  /** One of the viewer's own paper trades. */
  own: boolean;
}) {
  const [id, price, size, aggressor, time] = trade;
  const side = aggressor === BUY ? 'buy' : 'sell';
  const ref = useFade<HTMLDivElement>(NEW_TRADE, 'new', id);
  return (
    <div
      ref={ref}
      className={own ? `tape__row tape__row--${side} tape__row--own` : `tape__row tape__row--${side}`}
      data-testid="trade-row"
      data-trade-id={id}
      data-side={side}
      data-own={own || undefined}
    >
      <span className="tape__side" title={side === 'buy' ? 'Buyer took liquidity' : 'Seller took liquidity'}>
        <span aria-hidden="true">{side === 'buy' ? '▲' : '▼'}</span>
        <span className="visually-hidden">{side === 'buy' ? 'Buy' : 'Sell'}</span>
      </span>
      <span className="num tape__price">
        {own ? (
          <span className="tape__own" title="Your trade" data-testid="own-trade">
            <span aria-hidden="true">You</span>
            <span className="visually-hidden">your trade,</span>
          </span>
        ) : null}
        {formatPrice(instrument, price)}
      </span>
      <span className="num">{formatSize(instrument, size)}</span>
      <span className="num tape__time">{formatTimeMs(time)}</span>
    </div>
  );
});

const NO_FILLS: readonly PaperFill[] = [];

/** The ids of the shown trades that were this account's fills (printed in the market's own book). */
function useOwnTrades(symbol: string, instrument: Instrument, trades: readonly Trade[]): ReadonlySet<number> {
  const fills = useAccountState().account?.fills ?? NO_FILLS;
  return useMemo(() => ownTradeIds(symbol, instrument, trades, fills), [symbol, instrument, trades, fills]);
}
