import { describe, expect, it } from 'vitest';
import { stepSymbol } from './selection-step.ts';

const ORDER = ['A', 'B', 'C'];

describe('stepping the selection', () => {
  it('moves one row down or up in the shown order', () => {
    expect(stepSymbol(ORDER, 'A', 1)).toBe('B');
    expect(stepSymbol(ORDER, 'C', -1)).toBe('B');
  });

  it('stops at either end', () => {
    expect(stepSymbol(ORDER, 'C', 1)).toBe('C');
    expect(stepSymbol(ORDER, 'A', -1)).toBe('A');
  });

  it('enters the list at the top going down, at the bottom going up, from a symbol not shown', () => {
    expect(stepSymbol(ORDER, 'Z', 1)).toBe('A');
    expect(stepSymbol(ORDER, 'Z', -1)).toBe('C');
  });

  it('has nowhere to go in an empty list', () => {
    expect(stepSymbol([], 'A', 1)).toBeUndefined();
  });
});
