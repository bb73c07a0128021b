// The one Coinbase REST call made after start: a product's candles at one granularity, rows left unread so that
// one bad row costs only itself (coinbase-candles reads them).

import { explainUnreachable } from '../kit/unreachable.ts';
import { type FetchLike, restEndpoint } from './coinbase-products.ts';

const REST_TIMEOUT_MS = 10_000;

export async function fetchCandleRows(
  fetchFn: FetchLike,
  restUrl: string,
  productId: string,
  granularity: number,
  signal?: AbortSignal,
): Promise<unknown[]> {
  const url = `${restUrl.replace(/\/+$/, '')}/products/${encodeURIComponent(productId)}/candles?granularity=${granularity}`;
  const timeout = AbortSignal.timeout(REST_TIMEOUT_MS);
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    // Coinbase refuses REST calls without a User-Agent.
    response = await fetchFn(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      headers: { accept: 'application/json', 'user-agent': 'tickline' },
    });
  } catch (err) {
    const unreachable = explainUnreachable(restEndpoint(restUrl), err);
    throw new Error(unreachable ?? `GET ${url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const body: unknown = await response.json().catch(() => undefined);
  if (!Array.isArray(body)) throw new Error(`GET ${url}: expected an array of candles`);
  return body;
}
