import { describe, expect, it } from 'vitest';
import { highlightFor, type PresenterState } from './presenter-link.ts';

const state = (over: Partial<PresenterState>): PresenterState => ({
  announcements: [],
  following: false,
  view: { symbol: 'ETH-USD', interval: '1m', highlight: '3150.25', time: 0 },
  broadcasting: false,
  highlight: null,
  ...over,
});

describe('the price marked on a chart', () => {
  it('is the presenter’s, on the presenter’s symbol, only when following', () => {
    expect(highlightFor(state({ following: true }), 'ETH-USD')).toBe('3150.25');
    expect(highlightFor(state({ following: true }), 'BTC-USD')).toBeNull();
    expect(highlightFor(state({ following: false }), 'ETH-USD')).toBeNull();
  });

  it('is one’s own while presenting, whoever else is heard', () => {
    expect(highlightFor(state({ broadcasting: true, following: true, highlight: '64000' }), 'ETH-USD')).toBe('64000');
    expect(highlightFor(state({ broadcasting: true }), 'ETH-USD')).toBeNull();
  });
});
