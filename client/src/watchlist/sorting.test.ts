import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, orderRows, type SortFacts } from './sorting.ts';

const row = (symbol: string, last: number | null, change: number | null = null, volume: number | null = null) =>
  ({ symbol, last, change, volume }) satisfies SortFacts;

const ROWS = [row('BTC-USD', 64000, 1.5, 10), row('EUR/USD', 1.08, -0.2, 5000), row('AAPL', 190, 0.3, 900)];
const symbols = (rows: SortFacts[]) => rows.map((r) => r.symbol);
const NONE = new Set<string>();

describe('sorting the watchlist', () => {
  it('cycles a column through ascending, descending and back to none; another column starts ascending', () => {
    const asc = nextSort(null, 'change');
    expect(asc).toEqual({ column: 'change', direction: 'asc' });
    const desc = nextSort(asc, 'change');
    expect(desc).toEqual({ column: 'change', direction: 'desc' });
    expect(nextSort(desc, 'change')).toBeNull();
    expect(nextSort(desc, 'last')).toEqual({ column: 'last', direction: 'asc' });
  });

  it('reports aria-sort for the sorted column only', () => {
    const sort = { column: 'volume', direction: 'desc' } as const;
    expect(ariaSort(sort, 'volume')).toBe('descending');
    expect(ariaSort(sort, 'last')).toBe('none');
    expect(ariaSort({ column: 'last', direction: 'asc' }, 'last')).toBe('ascending');
    expect(ariaSort(null, 'symbol')).toBe('none');
  });

  it('keeps the served order when unsorted', () => {
    expect(symbols(orderRows(ROWS, null, NONE))).toEqual(['BTC-USD', 'EUR/USD', 'AAPL']);
  });

  it('sorts by a numeric column either way', () => {
    expect(symbols(orderRows(ROWS, { column: 'change', direction: 'asc' }, NONE))).toEqual([
      'EUR/USD',
      'AAPL',
      'BTC-USD',
    ]);
    expect(symbols(orderRows(ROWS, { column: 'last', direction: 'desc' }, NONE))).toEqual([
      'BTC-USD',
      'AAPL',
      'EUR/USD',
    ]);
  });

  it('sorts symbols by name, ignoring case and reading digits as numbers', () => {
    const rows = [row('b10', 1), row('B2', 1), row('a', 1)];
    expect(symbols(orderRows(rows, { column: 'symbol', direction: 'asc' }, NONE))).toEqual(['a', 'B2', 'b10']);
    expect(symbols(orderRows(rows, { column: 'symbol', direction: 'desc' }, NONE))).toEqual(['b10', 'B2', 'a']);
  });

  it('puts symbols without a value last in either direction', () => {
    const rows = [row('X', null), ...ROWS];
    for (const direction of ['asc', 'desc'] as const) {
      expect(symbols(orderRows(rows, { column: 'last', direction }, NONE)).at(-1)).toBe('X');
    }
  });

  it('pins favourites on top, each part sorted on its own', () => {
    const favourites = new Set(['AAPL', 'EUR/USD']);
    expect(symbols(orderRows(ROWS, { column: 'last', direction: 'desc' }, favourites))).toEqual([
      'AAPL',
      'EUR/USD',
      'BTC-USD',
    ]);
    expect(symbols(orderRows(ROWS, null, new Set(['AAPL'])))).toEqual(['AAPL', 'BTC-USD', 'EUR/USD']);
  });

  it('keeps the served order between equal values', () => {
    const rows = [row('A', 1, 0), row('B', 2, 0), row('C', 3, 0)];
    expect(symbols(orderRows(rows, { column: 'change', direction: 'desc' }, NONE))).toEqual(['A', 'B', 'C']);
  });
});
