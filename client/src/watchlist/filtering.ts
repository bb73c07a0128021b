// Which symbols a search matches: by symbol, name, base or quote, ignoring case and punctuation between words.

export interface Searchable {
  symbol: string;
  name: string;
  base: string;
  quote: string;
}

// "eurusd" should find "EUR/USD" and "btc usd" should find "BTC-USD": compare letters and digits only.
const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** True when every word of `query` is found in the symbol, its name, base or quote; an empty query matches all. */
export function matchesQuery(spec: Searchable, query: string): boolean {
  const words = query.trim().split(/\s+/).map(squash).filter(Boolean);
  if (words.length === 0) return true;
  const haystacks = [spec.symbol, spec.name, spec.base, spec.quote, `${spec.base}${spec.quote}`].map(squash);
  return words.every((word) => haystacks.some((h) => h.includes(word)));
}
