import { describe, expect, it } from 'vitest';
import { focusAt, priceAt, slotAt, slotCenter, slotWidth, yOf, type PlotGeometry } from './plot-geometry.ts';

// 100 px of plot from x=8 to x=108 in 10 slots; prices 100..200 from y=8 (top) to y=208.
const g: PlotGeometry = {
  width: 184,
  left: 8,
  axisWidth: 76,
  priceTop: 8,
  priceBottom: 208,
  slots: 10,
  domain: [100, 200],
};

describe('plot geometry', () => {
  it('divides the plotted area into equal slots', () => {
    expect(slotWidth(g)).toBe(10);
    expect(slotAt(g, 8)).toBe(0);
    expect(slotAt(g, 27.9)).toBe(1);
    expect(slotAt(g, 107.9)).toBe(9);
    expect(slotCenter(g, 2)).toBe(33);
  });

  it('places nothing outside the plotted area or when there are no slots', () => {
    expect(slotAt(g, 7)).toBeUndefined();
    expect(slotAt(g, 108)).toBeUndefined();
    expect(slotAt({ ...g, slots: 0 }, 50)).toBeUndefined();
  });

  it('maps heights to prices and back, top is the highest', () => {
    expect(priceAt(g, 8)).toBe(200);
    expect(priceAt(g, 208)).toBe(100);
    expect(priceAt(g, 108)).toBe(150);
    expect(priceAt(g, 209)).toBeUndefined();
    expect(yOf(g, 175)).toBe(58);
  });

  it('gives the zoom focus as a share of the plot width', () => {
    expect(focusAt(g, 8)).toBe(0);
    expect(focusAt(g, 58)).toBe(0.5);
    expect(focusAt(g, 500)).toBe(1);
  });
});
