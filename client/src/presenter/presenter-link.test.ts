import { describe, expect, it } from 'vitest';
import { followedZoom, highlightFor, type PresenterState } from './presenter-link.ts';

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

describe('the zoom a chart takes from the presenter', () => {
  const zoom = { span: 60, end: null };
  const zoomed = (over: Partial<PresenterState>) =>
    state({ view: { symbol: 'ETH-USD', interval: '1m', highlight: null, zoom, time: 0 }, ...over });

  it('is the presenter’s on the presenter’s chart, when following', () => {
    expect(followedZoom(zoomed({ following: true }), 'ETH-USD', '1m')).toBe(zoom);
    expect(followedZoom(zoomed({ following: true }), 'ETH-USD', '5m')).toBeUndefined();
    expect(followedZoom(zoomed({ following: true }), 'BTC-USD', '1m')).toBeUndefined();
    expect(followedZoom(zoomed({ following: false }), 'ETH-USD', '1m')).toBeUndefined();
  });

  it('is nobody’s while presenting, and none from a presenter who sends none', () => {
    expect(followedZoom(zoomed({ following: true, broadcasting: true }), 'ETH-USD', '1m')).toBeUndefined();
    expect(followedZoom(state({ following: true }), 'ETH-USD', '1m')).toBeUndefined();
  });
});
