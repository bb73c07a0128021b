// The standalone client of docs/PROTOCOL.md, loaded as a stranger would load it, and what its tests share: the
// shapes it documents, a poll-until helper and symbol specs.

import type { BookLevels, SymbolSpec } from '@tickline/shared';
import { until } from './until.ts';

export { until };

export const EXAMPLE = new URL('../../docs/examples/standalone-client.mjs', import.meta.url);
export const PROTOCOL = new URL('../../docs/PROTOCOL.md', import.meta.url);

// The example is plain JavaScript: these are the shapes it documents in its comments.
export type Levels = [price: number, size: number][];
export interface ExampleBook {
  seq: number;
  status: string;
  bids: Map<number, number>;
  asks: Map<number, number>;
}
export interface ExampleTrade {
  symbol: string;
  time: number;
  side: 'buy' | 'sell';
  price: string;
  size: string;
}
export interface ExampleClient {
  books: Map<string, ExampleBook>;
  feed: { epoch: number | undefined; status: string | undefined };
  stats: { updates: number; snapshots: number; gaps: number; mismatches: number; retries: number };
  close(): void;
}
/** `connectTickline`'s options; any other key is a socket.io-client option. */
export interface ExampleOptions extends Record<string, unknown> {
  timeoutMs?: number;
  onTrade?: (trade: ExampleTrade) => void;
  log?: (line: string) => void;
}
export interface ExampleModule {
  connectTickline(url: string, options?: ExampleOptions): Promise<ExampleClient>;
  instrument(spec: SymbolSpec): {
    price(ticks: number): string;
    size(lots: number): string;
    checksum(book: { bids: Levels; asks: Levels }): number;
  };
  levels(book: ExampleBook): { bids: Levels; asks: Levels };
}
export const example = (await import(EXAMPLE.href)) as ExampleModule;

// Quick reconnects keep the restart short; everything else is the example's own behaviour.
export const FAST_RECONNECT = { reconnectionDelay: 20, reconnectionDelayMax: 100 };

/** Plain numbers as the shared code's branded ticks and lots: on the wire they are the same. */
export const branded = (book: { bids: Levels; asks: Levels }): BookLevels => book as unknown as BookLevels;

export const spec = (over: Partial<SymbolSpec> & Pick<SymbolSpec, 'symbol'>): SymbolSpec => ({
  name: over.symbol,
  assetClass: 'crypto',
  base: 'X',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '0.0001',
  pricePrecision: 2,
  sizePrecision: 4,
  ...over,
});

/** What each test opened, closed after it (each spec file calls this from its afterEach). */
const cleanups: (() => Promise<void> | void)[] = [];
export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}
export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** The example connected to `url`, closed after the test. */
export async function connect(url: string, options: ExampleOptions = {}): Promise<ExampleClient> {
  const client = await example.connectTickline(url, { forceNew: true, ...FAST_RECONNECT, ...options });
  onCleanup(() => client.close());
  return client;
}
