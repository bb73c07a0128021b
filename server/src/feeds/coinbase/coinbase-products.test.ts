import { describe, expect, it } from 'vitest';
import { type FetchLike, fetchProduct, specFromProduct } from './coinbase-products.ts';

const product = {
  id: 'ETH-USD',
  base_currency: 'ETH',
  quote_currency: 'USD',
  quote_increment: '0.01000000',
  base_increment: '0.00000001',
  display_name: 'ETH-USD',
  status: 'online',
};

function answering(status: number, body: unknown) {
  const calls: { url: string; headers: Record<string, string> | undefined }[] = [];
  const fetchFn: FetchLike = async (url, init) => {
    calls.push({ url, headers: init?.headers });
    return { ok: status >= 200 && status < 300, status, json: async () => body };
  };
  return { fetchFn, calls };
}

describe('Coinbase products', () => {
  it('asks /products/{id} with a User-Agent and builds the spec from the increments', async () => {
    const { fetchFn, calls } = answering(200, product);
    const described = await fetchProduct(fetchFn, 'https://api.example/', 'ETH-USD');
    expect(calls).toEqual([
      { url: 'https://api.example/products/ETH-USD', headers: expect.objectContaining({ 'user-agent': 'tickline' }) },
    ]);
    expect(specFromProduct(described, 'cb')).toEqual({
      symbol: 'cb:ETH-USD',
      name: 'ETH-USD',
      assetClass: 'crypto',
      base: 'ETH',
      quote: 'USD',
      tickSize: '0.01',
      lotSize: '0.00000001',
      pricePrecision: 2,
      sizePrecision: 8,
      statsWindow: '24h',
    });
  });

  it('names an unknown product', async () => {
    const { fetchFn } = answering(404, { message: 'NotFound' });
    await expect(fetchProduct(fetchFn, 'https://api.example', 'NOPE-USD')).rejects.toThrow(
      'coinbase: unknown product "NOPE-USD" (https://api.example/products/NOPE-USD answered 404 NotFound)',
    );
  });

  it.each([
    ['a server error', answering(503, { message: 'Service Unavailable' }).fetchFn, /ETH-USD.*503 Service Unavailable/],
    ['an answer of another shape', answering(200, { id: 'ETH-USD' }).fetchFn, /ETH-USD: unexpected answer/],
    ['a delisted product', answering(200, { ...product, status: 'delisted' }).fetchFn, /ETH-USD is delisted/],
    [
      'no network',
      (() => Promise.reject(new Error('ECONNREFUSED'))) as FetchLike,
      /could not fetch ETH-USD.*ECONNREFUSED/,
    ],
  ])('names the product on %s', async (_what, fetchFn, error) => {
    await expect(fetchProduct(fetchFn, 'https://api.example', 'ETH-USD')).rejects.toThrow(error);
  });
});
