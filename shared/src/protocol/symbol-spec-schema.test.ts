import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SymbolSpec } from '../market/instrument.ts';
import { checkSymbolSpec, symbolSpecSchema } from './symbol-spec-schema.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const BTC: SymbolSpec = {
  symbol: 'BTC-USD',
  name: 'Bitcoin',
  assetClass: 'crypto',
  base: 'BTC',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '0.0001',
  pricePrecision: 2,
  sizePrecision: 4,
};

describe('checkSymbolSpec', () => {
  it('accepts a spec, keeping only its fields', () => {
    expect(checkSymbolSpec({ ...BTC, extra: 1 }, 'spec')).toEqual({ ok: true, spec: BTC });
  });

  it.each([
    ['not an object', 3, 'symbols[1]: not an object'],
    ['a missing field', { ...BTC, name: undefined }, 'symbols[1].name: not a string'],
    ['a field of the wrong type', { ...BTC, quote: 7 }, 'symbols[1].quote: not a string'],
    ['an unknown asset class', { ...BTC, assetClass: 'bond' }, 'symbols[1].assetClass: not one of crypto, equity, fx'],
    ['a fractional precision', { ...BTC, pricePrecision: 2.5 }, 'symbols[1].pricePrecision: not an integer'],
    ['a precision that is a string', { ...BTC, sizePrecision: '4' }, 'symbols[1].sizePrecision: not a number'],
    ['an empty symbol', { ...BTC, symbol: '' }, 'symbols[1].symbol: empty'],
    ['a symbol too long', { ...BTC, symbol: 'A'.repeat(65) }, 'symbols[1].symbol: longer than 64 characters'],
    ['a symbol with a space', { ...BTC, symbol: 'BTC USD' }, 'symbols[1].symbol: symbol names use letters, digits'],
    [
      'a tick finer than the precision',
      { ...BTC, tickSize: '0.001' },
      'BTC-USD: tickSize "0.001" must be a positive decimal',
    ],
  ])('names the field and the fault for %s', (_case, value, problem) => {
    const checked = checkSymbolSpec(value, 'symbols[1]');
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(new RegExp(`^${escape(problem)}`));
  });

  it('is the schema the server composes with the full zod API, with its messages there', () => {
    const header = z.object({ symbols: z.array(symbolSpecSchema).min(1) });
    expect(header.parse({ symbols: [BTC] })).toEqual({ symbols: [BTC] });
    const bad = header.safeParse({ symbols: [{ ...BTC, assetClass: 'bond' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['symbols', 0, 'assetClass'], code: 'invalid_value' });
  });
});
