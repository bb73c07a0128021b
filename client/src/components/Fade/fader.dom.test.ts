import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFader } from './fader.ts';

describe('createFader', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  const element = () => document.createElement('span');

  it('counts the attribute down one step each duration / steps, then removes it', () => {
    const fader = createFader({ steps: 4, durationMs: 700 });
    const el = element();
    fader.start(el, 'up');
    expect(el.getAttribute('data-fade')).toBe('up-4');
    const seen: (string | null)[] = [];
    for (let t = 0; t < 4; t++) {
      vi.advanceTimersByTime(175);
      seen.push(el.getAttribute('data-fade'));
    }
    expect(seen).toEqual(['up-3', 'up-2', 'up-1', null]);
    expect(fader.active).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('starts again from the strongest step when started during a fade, with the new name', () => {
    const fader = createFader({ steps: 4, durationMs: 700 });
    const el = element();
    fader.start(el, 'up');
    vi.advanceTimersByTime(400);
    expect(el.getAttribute('data-fade')).toBe('up-2');
    fader.start(el, 'down');
    expect(el.getAttribute('data-fade')).toBe('down-4');
    // Timed from the restart: 175 ms on it is one step down, and the fade ends 700 ms after it.
    vi.advanceTimersByTime(175);
    expect(el.getAttribute('data-fade')).toBe('down-3');
    vi.advanceTimersByTime(524);
    expect(el.getAttribute('data-fade')).toBe('down-1');
    vi.advanceTimersByTime(1);
    expect(el.hasAttribute('data-fade')).toBe(false);
  });

  it('steps every element fading with one timer, elements started in the same frame together', () => {
    const fader = createFader({ steps: 3, durationMs: 600 });
    const a = element();
    const b = element();
    fader.start(a, 'new');
    vi.advanceTimersByTime(3);
    fader.start(b, 'new');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(197);
    expect([a.getAttribute('data-fade'), b.getAttribute('data-fade')]).toEqual(['new-2', 'new-2']);
    expect(fader.active).toBe(2);
    vi.advanceTimersByTime(400);
    expect([a.hasAttribute('data-fade'), b.hasAttribute('data-fade')]).toEqual([false, false]);
    expect(fader.active).toBe(0);
  });

  it('lands on the right step when its timer fires late (a tab in the background)', () => {
    const fader = createFader({ steps: 4, durationMs: 700 });
    const el = element();
    fader.start(el, 'up');
    // The clock moves on without the timer firing, as in a throttled tab; when it does fire, it counts from the start.
    vi.spyOn(performance, 'now').mockReturnValue(performance.now() + 530);
    vi.runOnlyPendingTimers();
    expect(el.getAttribute('data-fade')).toBe('up-1');
  });
});
