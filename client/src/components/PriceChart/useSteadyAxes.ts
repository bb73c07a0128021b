// The chart's price and volume axes for the closed candles plus the live one, held still while the live candle moves.

import type { Candle, Instrument, Ticks } from '@tickline/shared';
import { useCallback, useMemo, useRef } from 'react';
import { useStoreValue } from '../../hooks/useStoreValue.ts';
import type { MarketStore } from '../../market/store.ts';
import { holdAxis, priceAxis, priceRange, volumeAxis, type Axis } from './chart-axes.ts';
import type { ChartPoint } from './chart-points.ts';

export interface ChartAxes {
  price: Axis;
  volume: Axis;
}

/**
 * The same object until an axis has to move (see holdAxis), so the component that uses it, and the recharts layer
 * it feeds, re-render about once per candle rather than once per frame.
 */
export function useSteadyAxes(symbol: string, closed: readonly ChartPoint[], instrument: Instrument): ChartAxes {
  const tick = instrument.priceValue(1 as Ticks);
  const closedRange = useMemo(() => priceRange(closed), [closed]);
  const closedVolume = useMemo(() => closed.reduce((max, p) => Math.max(max, p.volume), 0), [closed]);
  // What was drawn last, across candle closes (a close must not undo the hold), forgotten with the symbol.
  const drawn = useRef<{ symbol: string; axes: ChartAxes } | undefined>(undefined);

  const select = useCallback(
    (store: MarketStore): ChartAxes => {
      const live: Candle | undefined = store.replica(symbol).candles.last();
      let { low, high } = closedRange;
      let maxVolume = closedVolume;
      if (live) {
        low = Math.min(low, instrument.priceValue(live[3]));
        high = Math.max(high, instrument.priceValue(live[2]));
        maxVolume = Math.max(maxVolume, instrument.sizeValue(live[5]));
      }
      const held = drawn.current?.symbol === symbol ? drawn.current.axes : undefined;
      const price = holdAxis(held?.price, priceAxis({ low, high }, tick), low, high);
      const volume = holdAxis(held?.volume, volumeAxis(maxVolume), 0, maxVolume);
      if (held && price === held.price && volume === held.volume) return held;
      const axes = { price, volume };
      drawn.current = { symbol, axes };
      return axes;
    },
    [symbol, closedRange, closedVolume, instrument, tick],
  );
  return useStoreValue(select);
}
