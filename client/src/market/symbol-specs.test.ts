import { describe, expect, it } from 'vitest';
import { loadSymbolSpecs, parseSymbolSpecs, ViewerTokenError } from './symbol-specs.ts';
import { BTC, EURUSD } from '../test-support/fixtures.ts';

const respond =
  (body: unknown, status = 200): typeof fetch =>
  async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

describe('symbol specs', () => {
  it('accepts the server list as it is', () => {
    expect(parseSymbolSpecs([BTC, EURUSD])).toEqual([BTC, EURUSD]);
  });

  it('names the first thing wrong with a malformed list', () => {
    expect(() => parseSymbolSpecs({})).toThrow('not an array');
    expect(() => parseSymbolSpecs([BTC, null])).toThrow('symbols[1]: not an object');
    expect(() => parseSymbolSpecs([BTC, { ...EURUSD, name: 3 }])).toThrow('symbols[1].name: not a string');
    expect(() => parseSymbolSpecs([{ ...BTC, assetClass: 'bond' }])).toThrow(
      'symbols[0].assetClass: not one of crypto, equity, fx',
    );
    expect(() => parseSymbolSpecs([{ ...BTC, pricePrecision: '2' }])).toThrow(
      'symbols[0].pricePrecision: not a number',
    );
    expect(() => parseSymbolSpecs([{ ...BTC, symbol: 'BTC USD' }])).toThrow('symbols[0].symbol: symbol names use');
    expect(() => parseSymbolSpecs([{ ...BTC, tickSize: '0.001' }])).toThrow('BTC-USD: tickSize "0.001"');
    expect(() => parseSymbolSpecs([])).toThrow('no symbols');
  });

  it("keeps only the fields of a spec, as the server's schema does", () => {
    expect(parseSymbolSpecs([{ ...BTC, extra: 'ignored' }])).toEqual([BTC]);
  });

  it('says, for the startup screen, that the server sent a list the page cannot use, and why', async () => {
    await expect(loadSymbolSpecs('/api/symbols', respond([{ ...BTC, assetClass: 'bond' }]))).rejects.toThrow(
      'The Tickline server sent a symbol list this page cannot use ' +
        '(symbols[0].assetClass: not one of crypto, equity, fx).',
    );
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

  it('sends the viewer token as the Bearer header when the page has one', async () => {
    const seen: Headers[] = [];
    const recording: typeof fetch = async (_url, init) => {
      seen.push(new Headers(init?.headers));
      return new Response(JSON.stringify([BTC]));
    };
    await loadSymbolSpecs('/api/symbols', recording, 's3cret');
    await loadSymbolSpecs('/api/symbols', recording);
    expect(seen.map((h) => h.get('authorization'))).toEqual(['Bearer s3cret', null]);
  });

  it('says when the server wants a viewer token, and whether the page has one', async () => {
    const unauthorized = respond({ ok: false, error: { code: 'unauthorized', message: 'x' } }, 401);
    await expect(loadSymbolSpecs('/api/symbols', unauthorized)).rejects.toThrow(
      'needs a viewer token, and this page has none',
    );
    await expect(loadSymbolSpecs('/api/symbols', unauthorized, 'old')).rejects.toThrow('refused the one this page has');
    await expect(loadSymbolSpecs('/api/symbols', unauthorized)).rejects.toBeInstanceOf(ViewerTokenError);
  });

  it('passes on why the server refused the page', async () => {
    const forbidden = respond(
      { ok: false, error: { code: 'forbidden_origin', message: 'origin "x" is not allowed' } },
      403,
    );
    await expect(loadSymbolSpecs('/api/symbols', forbidden)).rejects.toThrow(
      'refused this page (origin "x" is not allowed)',
    );
    await expect(loadSymbolSpecs('/api/symbols', respond('too many', 429))).rejects.toThrow('for now (status 429)');
  });

  it('reports an error status or a body that is not JSON', async () => {
    await expect(loadSymbolSpecs('/api/symbols', respond('oops', 502))).rejects.toThrow('502');
    await expect(loadSymbolSpecs('/api/symbols', respond('<html>'))).rejects.toThrow('other than JSON');
  });
});
