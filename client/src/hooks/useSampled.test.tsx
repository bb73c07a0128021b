import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSampled } from './useSampled.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useSampled', () => {
  it('shows a change at once, then holds further changes until the interval ends and shows the newest', () => {
    const { result, rerender } = renderHook(({ value }) => useSampled(value, 250), { initialProps: { value: 1 } });
    expect(result.current).toBe(1);
    rerender({ value: 2 });
    expect(result.current).toBe(2);
    rerender({ value: 3 });
    rerender({ value: 4 });
    expect(result.current).toBe(2);
    act(() => {
      vi.advanceTimersByTime(250);
    });
    expect(result.current).toBe(4);
  });
});
