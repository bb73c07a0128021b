import { describe, expect, it } from 'vitest';
import { changeDirection } from './change-direction.ts';

describe('the direction of a change', () => {
  it('follows the sign of a change that shows', () => {
    expect(changeDirection(0.01)).toBe('up');
    expect(changeDirection(-2.5)).toBe('down');
  });

  it('is flat when the change prints as 0.00%, or is unknown', () => {
    expect(changeDirection(0.004)).toBe('flat');
    expect(changeDirection(-0.0049)).toBe('flat');
    expect(changeDirection(0)).toBe('flat');
    expect(changeDirection(null)).toBe('flat');
    expect(changeDirection(Number.NaN)).toBe('flat');
  });
});
