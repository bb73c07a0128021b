// Coinbase products -> SymbolSpecs, from `GET /products/{id}`: the venue's own increments become the tick and lot
// sizes, so every price and size it streams is an exact integer of ours.

import type { SymbolSpec } from '@tickline/shared';
import { z } from 'zod';
import { explainUnreachable, type VenueEndpoint } from '../kit/unreachable.ts';
import { specFromIncrements } from '../kit/venue-numbers.ts';

const productSchema = z.object({
  id: z.string(),
  base_currency: z.string(),
  quote_currency: z.string(),
  quote_increment: z.string(),
  base_increment: z.string(),
  display_name: z.string().optional(),
  status: z.string().optional(),
});

export type CoinbaseProduct = z.infer<typeof productSchema>;

/** The subset of fetch we use, so tests can pass their own. */
export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

const REST_TIMEOUT_MS = 10_000;

/** The REST endpoint as an operator sets it, for messages that say what to check when it cannot be reached. */
export const restEndpoint = (url: string): VenueEndpoint => ({
  venue: 'coinbase',
  kind: 'REST API',
  url,
  flag: '--coinbase-rest-url',
  env: 'COINBASE_REST_URL',
});

export function specFromProduct(product: CoinbaseProduct, namespace: string): SymbolSpec {
  // The ticker channel carries Coinbase's rolling 24 h statistics (open_24h, volume_24h), not the session's.
  return specFromIncrements({
    statsWindow: '24h',
    symbol: `${namespace}:${product.id}`,
    name: product.display_name ?? `${product.base_currency}/${product.quote_currency}`,
    assetClass: 'crypto',
    base: product.base_currency,
    quote: product.quote_currency,
    tickSize: product.quote_increment,
    lotSize: product.base_increment,
  });
}

/** One product's description; any failure is an Error that names the product, since it ends the feed's start. */
export async function fetchProduct(fetchFn: FetchLike, restUrl: string, productId: string): Promise<CoinbaseProduct> {
  const url = `${restUrl.replace(/\/+$/, '')}/products/${encodeURIComponent(productId)}`;
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    // Coinbase refuses REST calls without a User-Agent.
    response = await fetchFn(url, {
      signal: AbortSignal.timeout(REST_TIMEOUT_MS),
      headers: { accept: 'application/json', 'user-agent': 'tickline' },
    });
  } catch (err) {
    const unreachable = explainUnreachable(restEndpoint(restUrl), err);
    throw new Error(unreachable ?? `coinbase: could not fetch ${productId} from ${url}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 404) {
    throw new Error(`coinbase: unknown product "${productId}" (${url} answered 404${said(body)})`);
  }
  const refused = explainUnreachable(restEndpoint(restUrl), { status: response.status });
  if (refused) throw new Error(refused);
  if (!response.ok) {
    throw new Error(`coinbase: product ${productId}: ${url} answered ${response.status}${said(body)}`);
  }
  const parsed = productSchema.safeParse(body);
  if (!parsed.success) throw new Error(`coinbase: product ${productId}: unexpected answer from ${url}`);
  if (parsed.data.status === 'delisted') throw new Error(`coinbase: product ${productId} is delisted`);
  return parsed.data;
}

/** The venue's own error text (` NotFound`), if its answer has one. */
function said(body: unknown): string {
  const parsed = z.object({ message: z.string() }).safeParse(body);
  return parsed.success ? ` ${parsed.data.message}` : '';
}
