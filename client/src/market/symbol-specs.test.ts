import { describe, expect, it } from 'vitest';
import { loadSymbolSpecs, parseSymbolSpecs } from './symbol-specs.ts';
import { BTC, EURUSD } from '../test-support/fixtures.ts';

const respond = (body: unknown, status = 200): typeof fetch => async () =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

describe('symbol specs', () => {
  it('accepts the server list as it is', () => {
    expect(parseSymbolSpecs([BTC, EURUSD])).toEqual([BTC, EURUSD]);
  });

  it('names the first thing wrong with a malformed list', () => {
    expect(() => parseSymbolSpecs({})).toThrow('not an array');
    expect(() => parseSymbolSpecs([BTC, { ...EURUSD, name: 3 }])).toThrow('symbols[1].name');
    expect(() => parseSymbolSpecs([{ ...BTC, assetClass: 'bond' }])).toThrow('assetClass');
    expect(() => parseSymbolSpecs([{ ...BTC, tickSize: '0.001' }])).toThrow('tickSize');
    expect(() => parseSymbolSpecs([])).toThrow('no symbols');
  });

  it('loads and checks the list from the server', async () => {
    await expect(loadSymbolSpecs('/api/symbols', respond([BTC]))).resolves.toEqual([BTC]);
  });

  it('says the server is unreachable when the request fails', async () => {
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadSymbolSpecs('/api/symbols', down)).rejects.toThrow('unreachable');
  });

  it('reports an error status or a body that is not JSON', async () => {
    await expect(loadSymbolSpecs('/api/symbols', respond('oops', 502))).rejects.toThrow('502');
    await expect(loadSymbolSpecs('/api/symbols', respond('<html>'))).rejects.toThrow('other than JSON');
  });
});
