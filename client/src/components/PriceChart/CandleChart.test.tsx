import { makeInstrument, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, candle, T0, testMarket } from '../../test-support/fixtures.ts';
import { renderWithStore } from '../../test-support/render.tsx';
import { priceAxis, priceRange, volumeAxis } from './chart-axes.ts';
import { toChartPoints } from './chart-points.ts';
import { CandleChart } from './CandleChart.tsx';

const MINUTE = 60_000;
const btc = makeInstrument(BTC);

/** `count` closed one-minute candles, alternately up and down, drawn at 800 x 400 with no live candle. */
function chart(count: number) {
  const points = toChartPoints(
    Array.from({ length: count }, (_, i) => {
      const open = 6_425_000 + (i % 7) * 100;
      return candle(T0 + i * MINUTE, open, open + 150, open - 150, open + (i % 2 ? 60 : -60), 10_000 + i * 100);
    }),
    btc,
  );
  const volumes = points.map((p) => p.volume);
  return renderWithStore(
    <CandleChart
      symbol={BTC.symbol}
      interval="1m"
      points={points}
      liveTime={undefined}
      priceAxis={priceAxis(priceRange(points), btc.priceValue(1 as Ticks))}
      volumeAxis={volumeAxis(Math.max(...volumes))}
      instrument={btc}
      type="candles"
      overlays={[]}
      marks={[]}
      width={800}
      height={400}
    />,
    testMarket().store,
  );
}

/**
 * The components React renders for the volume pane (function, class, memo and forwardRef fibers, not DOM elements):
 * what a candle close costs it, since a close redraws the pane.
 */
function volumePaneComponents(): number {
  const pane = document.querySelectorAll('.candle-chart .recharts-wrapper')[1];
  if (!pane) throw new Error('no volume pane');
  // React keeps each element's fiber on the element under a key of this shape.
  const key = Object.keys(pane).find((k) => k.startsWith('__reactFiber$'));
  const root = key ? (pane as unknown as Record<string, Fiber>)[key] : undefined;
  if (!root) throw new Error('no fiber on the volume pane');
  let count = 0;
  const stack = root.child ? [root.child] : [];
  for (let fiber = stack.pop(); fiber; fiber = stack.pop()) {
    if (COMPONENT_TAGS.has(fiber.tag)) count++;
    if (fiber.child) stack.push(fiber.child);
    if (fiber.sibling) stack.push(fiber.sibling);
  }
  return count;
}

interface Fiber {
  tag: number;
  child: Fiber | null;
  sibling: Fiber | null;
}

/** React's work tags for FunctionComponent, ClassComponent, ForwardRef, MemoComponent and SimpleMemoComponent. */
const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);

describe('CandleChart', () => {
  it('draws a volume bar per candle, coloured by direction', () => {
    chart(6);
    expect(document.querySelectorAll('rect.volume-bar')).toHaveLength(6);
    expect(document.querySelectorAll('rect.volume-bar--up')).toHaveLength(3);
    expect(document.querySelectorAll('rect.volume-bar--down')).toHaveLength(3);
  });

  it('draws the volume bars with as many components for 120 candles as for 30', () => {
    const few = chart(30);
    expect(document.querySelectorAll('rect.volume-bar')).toHaveLength(30);
    const components = volumePaneComponents();
    few.unmount();
    chart(120);
    expect(document.querySelectorAll('rect.volume-bar')).toHaveLength(120);
    expect(volumePaneComponents()).toBe(components);
  });
});
