// The selected symbol's headline above the chart: last price, change over the ticker's window (a venue's rolling 24
// hours, or the session since the feed started), range and volume. Faded when the symbol is not live (the panel's
// header carries the badge saying why).

import { change, changePercent, type Ticks } from '@tickline/shared';
import { useFreshness } from '../../hooks/useFreshness.ts';
import { useInstrument } from '../../hooks/useSymbols.ts';
import { usePriceMove, useTicker } from '../../hooks/useTicker.ts';
import { formatCompact, formatPercent, formatPrice, trend } from '../format.ts';

export function ChartHeader({ symbol }: { symbol: string }) {
  const ticker = useTicker(symbol);
  const move = usePriceMove(symbol);
  const instrument = useInstrument(symbol);
  const freshness = useFreshness(symbol);
  const stale = freshness !== 'live';
  const price = (ticks: Ticks | null) => (ticks === null ? '—' : formatPrice(instrument, ticks));
  const diff = change(ticker);
  const percent = changePercent(ticker);
  const percentText = formatPercent(percent);
  // A change that rounds to 0.00% is no change to the reader: neutral colour, no arrow.
  const direction = percentText === '0.00%' ? 'flat' : trend(diff);
  const sign = diff === null || diff === 0 ? '' : diff > 0 ? '+' : '-';
  const signed = diff === null ? '—' : sign + formatPrice(instrument, Math.abs(diff) as Ticks);
  const day = instrument.spec.statsWindow === '24h';

  return (
    <div className={stale ? 'chart-header is-stale' : 'chart-header'}>
      <span
        className={`chart-header__last num trend-${stale ? 'flat' : (move.direction ?? 'flat')}`}
        data-testid="chart-last-price"
        data-stale={stale}
      >
        {price(ticker.last)}
      </span>
      <span
        className={`chart-header__change num trend-${direction}`}
        data-testid="chart-change"
        data-trend={direction}
        title={day ? 'Change over the last 24 hours' : 'Change since the session started'}
      >
        {direction === 'flat' ? null : <span aria-hidden="true">{direction === 'up' ? '▲ ' : '▼ '}</span>}
        {signed} <span className="chart-header__percent">{percentText}</span>{' '}
        <span className="chart-header__window" data-testid="chart-change-window">
          {day ? '24h' : 'session'}
        </span>
      </span>
      <dl className="chart-header__stats">
        <Stat label="High" value={price(ticker.high)} />
        <Stat label="Low" value={price(ticker.low)} />
        <Stat label={`Volume (${instrument.spec.base})`} value={formatCompact(instrument.sizeValue(ticker.volume))} />
        <Stat label="Bid" value={price(ticker.bid)} />
        <Stat label="Ask" value={price(ticker.ask)} />
      </dl>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="chart-header__stat">
      <dt>{label}</dt>
      <dd className="num">{value}</dd>
    </div>
  );
}
