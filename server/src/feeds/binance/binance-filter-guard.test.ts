import type { SymbolSpec } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { describeChange, FilterGuard } from './binance-filter-guard.ts';

const served: SymbolSpec = {
  symbol: 'binance:BTCUSDT',
  name: 'BTC/USDT',
  assetClass: 'crypto',
  base: 'BTC',
  quote: 'USDT',
  tickSize: '0.01',
  lotSize: '0.00001',
  pricePrecision: 2,
  sizePrecision: 5,
};
const policy = { baseMs: 100, maxMs: 1000 };
/** No jitter: each delay is its nominal upper bound. */
const guard = () => new FilterGuard(served, policy, () => 1);
const filters = (tickSize: string | undefined, stepSize: string | undefined = '0.00001000') => ({ tickSize, stepSize });

describe('FilterGuard', () => {
  it('checks once on the first value off the grid, however many follow while it checks', () => {
    const g = guard();
    expect(g.offGrid(0)).toBe(true);
    expect(g.phase).toBe('checking');
    expect(g.dueAt).toBe(0);
    expect([g.offGrid(1), g.offGrid(2), g.offGrid(3)]).toEqual([false, false, false]);
  });

  it('resumes when the filters are unchanged, and waits out a quiet time before checking again', () => {
    const g = guard();
    g.offGrid(0);
    expect(g.checked(10, filters('0.01000000'))).toEqual({ fits: true, changedFrom: undefined });
    expect(g.phase).toBe('ok');
    expect(g.offGrid(50)).toBe(false); // a venue sending garbage does not turn into a stream of requests
    expect(g.offGrid(110)).toBe(true);
    g.checked(120, filters('0.01'));
    expect(g.offGrid(300)).toBe(false); // the second quiet time is twice as long
    expect(g.offGrid(320)).toBe(true);
  });

  it('takes a coarser tick or step that is a multiple of the served one as fitting, and says what changed', () => {
    const g = guard();
    g.offGrid(0);
    expect(g.checked(0, filters('0.10000000', '0.00010000'))).toEqual({
      fits: true,
      changedFrom: { tickSize: '0.01', stepSize: '0.00001' },
    });
    expect(g.filters).toEqual({ tickSize: '0.1', stepSize: '0.0001' });
  });

  it('suspends on a finer or non-multiple increment, or a disabled filter, and checks again with backoff', () => {
    const misfits = [filters('0.001'), filters('0.025'), filters('0.00000000'), filters(undefined)];
    misfits.push(filters('0.01', '0.000001'));
    for (const venue of misfits) {
      const g = guard();
      g.offGrid(0);
      expect(g.checked(0, venue).fits).toBe(false);
      expect(g.phase).toBe('suspended');
    }
    const g = guard();
    g.offGrid(0);
    const before = { tickSize: '0.01', stepSize: '0.00001' };
    expect(g.checked(0, filters('0.001'))).toEqual({ fits: false, changedFrom: before });
    expect(g.dueAt).toBe(100);
    expect(g.offGrid(200)).toBe(false); // suspended: its own rechecks, not the stream, decide when to fetch
    expect(g.checked(100, filters('0.001'))).toEqual({ fits: false, changedFrom: undefined }); // logged once
    expect(g.dueAt).toBe(300);
    g.failed(300);
    expect(g.dueAt).toBe(700);
    expect(g.checked(700, filters('0.01'))).toEqual({ fits: true, changedFrom: { ...before, tickSize: '0.001' } });
    expect(g.phase).toBe('ok');
  });

  it('never waits longer than the policy allows, and starts a new episode after a long quiet spell', () => {
    const g = guard();
    g.offGrid(0);
    for (let t = 0; t < 10; t++) g.failed(t);
    expect(g.dueAt).toBe(9 + 1000);
    g.checked(2000, filters('0.01')); // fits; the next quiet time is the longest
    expect(g.offGrid(2999)).toBe(false);
    expect(g.offGrid(5000)).toBe(true);
    g.checked(5000, filters('0.01'));
    expect(g.dueAt).toBe(5100); // back to the first delay
  });

  it('describes a change in one phrase', () => {
    expect(describeChange({ tickSize: '0.01', stepSize: '0.00001' }, { tickSize: '0.001', stepSize: '0.00001' })).toBe(
      'tick 0.01 -> 0.001',
    );
    expect(describeChange({ tickSize: '0.01', stepSize: '0.1' }, { tickSize: undefined, stepSize: '1' })).toBe(
      'tick 0.01 -> none, step 0.1 -> 1',
    );
  });
});
