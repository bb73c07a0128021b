import { describe, expect, it } from 'vitest';
import { nextInCycle, parsePresentation, searchWithPresentation } from './presentation.ts';

describe('presentation mode in the address', () => {
  it('reads present and a cycle in whole seconds within range', () => {
    expect(parsePresentation('')).toEqual({ present: false, cycleSeconds: null });
    expect(parsePresentation('?present=1')).toEqual({ present: true, cycleSeconds: null });
    expect(parsePresentation('?present')).toEqual({ present: true, cycleSeconds: null });
    expect(parsePresentation('?present=0')).toEqual({ present: false, cycleSeconds: null });
    expect(parsePresentation('?present=1&cycle=30')).toEqual({ present: true, cycleSeconds: 30 });
    for (const bad of ['1', '2.5', 'x', '100000']) expect(parsePresentation(`?cycle=${bad}`).cycleSeconds).toBeNull();
  });

  it('turns present on and off keeping every other parameter', () => {
    expect(searchWithPresentation('?symbol=ETH-USD&interval=1m', true)).toBe('?symbol=ETH-USD&interval=1m&present=1');
    expect(searchWithPresentation('?symbol=ETH-USD&present=1&cycle=30', false)).toBe('?symbol=ETH-USD&cycle=30');
    expect(searchWithPresentation('?present=1', false)).toBe('');
  });

  it('cycles through the markets and back to the first', () => {
    expect(nextInCycle(['A', 'B', 'C'], 'A')).toBe('B');
    expect(nextInCycle(['A', 'B', 'C'], 'C')).toBe('A');
    expect(nextInCycle(['A', 'B'], 'gone')).toBe('A');
    expect(nextInCycle([], 'A')).toBeUndefined();
  });
});
