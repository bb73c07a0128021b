// The watchlist's order: favourites first, then by the chosen column, otherwise in the order the server serves.

/** A column the list can be sorted by. */
export type SortColumn = 'symbol' | 'last' | 'change' | 'volume';
export type SortDirection = 'asc' | 'desc';

export interface SortState {
  column: SortColumn;
  direction: SortDirection;
}

export const SORT_COLUMNS: readonly SortColumn[] = ['symbol', 'last', 'change', 'volume'];

/** What one row is sorted by; a value not known yet is null. */
export interface SortFacts {
  symbol: string;
  last: number | null;
  change: number | null;
  volume: number | null;
}

/** A header click: a new column starts ascending, then descending, then back to the served order. */
export function nextSort(sort: SortState | null, column: SortColumn): SortState | null {
  if (sort?.column !== column) return { column, direction: 'asc' };
  return sort.direction === 'asc' ? { column, direction: 'desc' } : null;
}

/** The `aria-sort` value of a column header. */
export function ariaSort(sort: SortState | null, column: SortColumn): 'ascending' | 'descending' | 'none' {
  if (sort?.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

// Unknown values go last whichever the direction: a symbol that has not traded is not "the smallest".
function compareBy(a: SortFacts, b: SortFacts, { column, direction }: SortState): number {
  const sign = direction === 'asc' ? 1 : -1;
  if (column === 'symbol') return collator.compare(a.symbol, b.symbol) * sign;
  const x = a[column];
  const y = b[column];
  if (x === null || y === null) return Number(x === null) - Number(y === null);
  return (x - y) * sign;
}

/** `rows` (in served order) with the favourites on top, each part sorted by `sort`; ties keep the served order. */
export function orderRows<R extends SortFacts>(
  rows: readonly R[],
  sort: SortState | null,
  favourites: ReadonlySet<string>,
): R[] {
  const served = new Map(rows.map((r, i) => [r.symbol, i]));
  const rank = (r: SortFacts) => (favourites.has(r.symbol) ? 0 : 1);
  return [...rows].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (sort ? compareBy(a, b, sort) : 0) ||
      (served.get(a.symbol) ?? 0) - (served.get(b.symbol) ?? 0),
  );
}
