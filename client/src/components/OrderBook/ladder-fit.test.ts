import { describe, expect, it } from 'vitest';
import { rowsThatFit } from './ladder-fit.ts';

describe('rowsThatFit', () => {
  it('fills the height with whole rows on each side of the spread', () => {
    // 16px rem: rows 20px, spread 30px.
    expect(rowsThatFit(30 + 2 * 20 * 10, 16)).toBe(10);
    expect(rowsThatFit(30 + 2 * 20 * 10 + 39, 16)).toBe(10);
    expect(rowsThatFit(30 + 2 * 20 * 11, 16)).toBe(11);
  });

  it('counts rows in rem, so a larger font fits fewer', () => {
    expect(rowsThatFit(600, 16)).toBeGreaterThan(rowsThatFit(600, 24));
  });

  it('keeps an exact fit at fractional row heights', () => {
    // 14px rem: rows 17.5px, spread 26.25px.
    expect(rowsThatFit(26.25 + 2 * 17.5 * 7, 14)).toBe(7);
  });

  it('shows one row even when squeezed, and none before layout', () => {
    expect(rowsThatFit(10, 16)).toBe(1);
    expect(rowsThatFit(0, 16)).toBe(0);
  });
});
