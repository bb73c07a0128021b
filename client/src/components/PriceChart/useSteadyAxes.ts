// The chart's price and volume axes for the candles on screen plus the live one, held still while the live candle moves.

import type { Candle, Instrument, Ticks } from '@tickline/shared';
import { useMemo, useState } from 'react';
import { holdAxis, priceAxis, priceRange, volumeAxis, type Axis } from './chart-axes.ts';
import type { ChartPoint } from './chart-points.ts';

export interface ChartAxes {
  price: Axis;
  volume: Axis;
}

/**
 * The same object until an axis has to move (see holdAxis), so the recharts layer it feeds re-renders about once per
 * candle rather than once per trade. `live` is the live candle when it is on screen.
 */
export function useSteadyAxes(
  symbol: string,
  closed: readonly ChartPoint[],
  instrument: Instrument,
  live: Candle | undefined,
): ChartAxes {
  const tick = instrument.priceValue(1 as Ticks);
  const closedRange = useMemo(() => priceRange(closed), [closed]);
  const closedVolume = useMemo(() => closed.reduce((max, p) => Math.max(max, p.volume), 0), [closed]);
  // What was drawn last, across candle closes (a close must not undo the hold), forgotten with the symbol. Updated
  // during render (React's pattern for state derived from the previous render): the next pass holds what this one
  // chose, so it settles at once.
  const [drawn, setDrawn] = useState<{ symbol: string; axes: ChartAxes } | undefined>(undefined);

  let { low, high } = closedRange;
  let maxVolume = closedVolume;
  if (live) {
    low = Math.min(low, instrument.priceValue(live[3]));
    high = Math.max(high, instrument.priceValue(live[2]));
    maxVolume = Math.max(maxVolume, instrument.sizeValue(live[5]));
  }
  const held = drawn?.symbol === symbol ? drawn.axes : undefined;
  const price = holdAxis(held?.price, priceAxis({ low, high }, tick), low, high);
  const volume = holdAxis(held?.volume, volumeAxis(maxVolume), 0, maxVolume);
  if (held && price === held.price && volume === held.volume) return held;
  const axes = { price, volume };
  setDrawn({ symbol, axes });
  return axes;
}
