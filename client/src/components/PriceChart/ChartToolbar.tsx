// The chart's controls: candle interval, chart type and indicator overlays, each a row of toggle buttons.

import { CANDLE_INTERVALS, type CandleInterval } from '@tickline/shared';
import { memo } from 'react';
import type { ChartType } from './CandleChart.tsx';
import './ChartToolbar.css';

export type OverlayName = 'sma' | 'ema' | 'vwap';

export interface ChartSettings {
  type: ChartType;
  overlays: Readonly<Record<OverlayName, boolean>>;
}

export const DEFAULT_SETTINGS: ChartSettings = { type: 'candles', overlays: { sma: false, ema: false, vwap: false } };

/** Indicator periods: the common defaults, short enough to start early in a freshly loaded series. */
export const SMA_PERIOD = 20;
export const EMA_PERIOD = 50;

export const OVERLAY_LABELS: Readonly<Record<OverlayName, string>> = {
  sma: `SMA ${SMA_PERIOD}`,
  ema: `EMA ${EMA_PERIOD}`,
  vwap: 'VWAP',
};

const OVERLAY_TITLES: Readonly<Record<OverlayName, string>> = {
  sma: `Simple moving average of the last ${SMA_PERIOD} closes`,
  ema: `Exponential moving average of the closes, ${EMA_PERIOD} periods`,
  vwap: 'Volume-weighted average price since 00:00 UTC (daily candles: over the loaded range)',
};

const TYPES: readonly { type: ChartType; label: string }[] = [
  { type: 'candles', label: 'Candles' },
  { type: 'line', label: 'Line' },
  { type: 'area', label: 'Area' },
];

/** `1D` reads as a day where `1d` could be taken for a typo. */
export const intervalLabel = (interval: CandleInterval): string => (interval === '1d' ? '1D' : interval);

interface ChartToolbarProps {
  interval: CandleInterval;
  onInterval(interval: CandleInterval): void;
  settings: ChartSettings;
  onSettings(settings: ChartSettings): void;
}

export const ChartToolbar = memo(function ChartToolbar({
  interval,
  onInterval,
  settings,
  onSettings,
}: ChartToolbarProps) {
  return (
    <div className="chart-toolbar" role="toolbar" aria-label="Chart settings">
      <div className="chart-toolbar__group" role="group" aria-label="Candle interval">
        {CANDLE_INTERVALS.map((each) => (
          <button
            key={each}
            type="button"
            className="chart-toolbar__button"
            aria-pressed={each === interval}
            data-testid="chart-interval"
            data-interval={each}
            onClick={() => onInterval(each)}
          >
            {intervalLabel(each)}
          </button>
        ))}
      </div>
      <div className="chart-toolbar__group" role="group" aria-label="Chart type">
        {TYPES.map(({ type, label }) => (
          <button
            key={type}
            type="button"
            className="chart-toolbar__button"
            aria-pressed={settings.type === type}
            data-testid="chart-type"
            data-type={type}
            onClick={() => onSettings({ ...settings, type })}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="chart-toolbar__group" role="group" aria-label="Indicators">
        {(Object.keys(OVERLAY_LABELS) as OverlayName[]).map((name) => (
          <button
            key={name}
            type="button"
            className={`chart-toolbar__button chart-toolbar__overlay chart-toolbar__overlay--${name}`}
            aria-pressed={settings.overlays[name]}
            title={OVERLAY_TITLES[name]}
            data-testid="chart-overlay"
            data-overlay={name}
            onClick={() =>
              onSettings({ ...settings, overlays: { ...settings.overlays, [name]: !settings.overlays[name] } })
            }
          >
            {OVERLAY_LABELS[name]}
          </button>
        ))}
      </div>
    </div>
  );
});
