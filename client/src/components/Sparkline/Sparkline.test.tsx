import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline } from './Sparkline.tsx';

const line = () => screen.getByTestId('sparkline');

describe('Sparkline', () => {
  it('says there is nothing to draw yet rather than drawing a dot as a trend', () => {
    render(<Sparkline values={[]} live={5} label="X, last hour" />);
    expect(line().getAttribute('aria-label')).toBe('X, last hour: no data yet');
    expect(line().querySelector('polyline')).toBeNull();
  });

  it('joins the closes to the live value, rescaling when the live value leaves their range', () => {
    const { rerender } = render(<Sparkline values={[10, 20, 15]} live={15} label="X" slots={4} />);
    expect(line().dataset.points).toBe('4');
    expect(line().querySelector('polyline')?.getAttribute('points')).toBe('0,28 33.33,2 66.67,15');
    expect(line().querySelector('line')?.getAttribute('y2')).toBe('15');

    rerender(<Sparkline values={[10, 20, 15]} live={30} label="X" slots={4} />);
    // The live value is the new top; the closes move down to make room.
    expect(line().querySelector('line')?.getAttribute('y2')).toBe('2');
    expect(line().querySelector('polyline')?.getAttribute('points')).toBe('0,28 33.33,15 66.67,21.5');
    expect(line().dataset.trend).toBe('up');
    expect(line().getAttribute('aria-label')).toBe('X: rising');
  });
});
