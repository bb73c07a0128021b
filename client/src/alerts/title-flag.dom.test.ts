import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TitleFlag } from './title-flag.ts';

let hidden = false;

beforeEach(() => {
  hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.title = 'Tickline';
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(document, 'hidden');
});

describe('TitleFlag', () => {
  it('prefixes the title with the newest alert and gives it back when lowered', () => {
    const flag = new TitleFlag(document, window);
    flag.raise('BTC-USD ↑ 64,250.50');
    flag.raise('ETH-USD ↓ 3,100.00');
    expect(document.title).toBe('🔔 ETH-USD ↓ 3,100.00 · Tickline');
    flag.lower();
    expect(document.title).toBe('Tickline');
    flag.dispose();
  });

  it('flashes while the tab is hidden and stops when the tab is seen again', () => {
    const flag = new TitleFlag(document, window);
    hidden = true;
    flag.raise('BTC-USD ↑ 64,250.50');
    const titles = [document.title];
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersToNextTimer();
      titles.push(document.title);
    }
    expect(titles).toEqual([
      '🔔 BTC-USD ↑ 64,250.50 · Tickline',
      'Tickline',
      '🔔 BTC-USD ↑ 64,250.50 · Tickline',
      'Tickline',
    ]);
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(document.title).toBe('Tickline');
    expect(vi.getTimerCount()).toBe(0);
    flag.dispose();
  });

  it('the window getting focus lowers it', () => {
    const flag = new TitleFlag(document, window);
    flag.raise('BTC-USD ↑ 64,250.50');
    window.dispatchEvent(new Event('focus'));
    expect(document.title).toBe('Tickline');
    flag.dispose();
  });
});
