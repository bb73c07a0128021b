import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SYMBOLS_PER_REQUEST,
  parsePayload,
  REQUEST_SCHEMAS,
  subscribeRequestSchema,
  symbolNameSchema,
  unsubscribeRequestSchema,
} from './schemas.ts';

const schemas = [
  ['subscribe', subscribeRequestSchema],
  ['unsubscribe', unsubscribeRequestSchema],
] as const;

const validName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9:._/-]{0,63}$/);

describe.each(schemas)('the %s request schema', (_, schema) => {
  it('accepts a list of symbol names as they are spelled across feeds', () => {
    const symbols = ['BTC-USD', 'AAPL', 'EUR/USD', 'binance:BTCUSDT', 'x.y_z', '7'];
    expect(parsePayload(schema, { symbols })).toEqual({ ok: true, value: { symbols } });
  });

  it('accepts a name of exactly 64 characters', () => {
    const symbols = ['A'.repeat(64)];
    expect(parsePayload(schema, { symbols })).toEqual({ ok: true, value: { symbols } });
  });

  it(`accepts up to ${MAX_SYMBOLS_PER_REQUEST} symbols and refuses more with its own code`, () => {
    const symbols = Array.from({ length: MAX_SYMBOLS_PER_REQUEST }, (__, i) => `S${i}`);
    expect(parsePayload(schema, { symbols }).ok).toBe(true);
    expect(parsePayload(schema, { symbols: [...symbols, 'X'] })).toEqual({
      ok: false,
      error: { code: 'too_many_symbols', message: `symbols: at most ${MAX_SYMBOLS_PER_REQUEST} symbols per request` },
    });
  });

  it('refuses a long list by its length, without validating its elements', () => {
    const symbols = Array.from({ length: 30_000 }, () => 'not a symbol!');
    const result = schema.safeParse({ symbols });
    // Elements validated first would report 30,000 issues, the first at symbols.0.
    expect(result.error?.issues.map((i) => i.code)).toEqual(['too_big']);
  });

  it('strips unknown keys instead of failing', () => {
    const result = parsePayload(schema, { symbols: ['AAPL'], extra: 1, version: 2 });
    expect(result).toEqual({ ok: true, value: { symbols: ['AAPL'] } });
    expect(result.ok && Object.keys(result.value)).toEqual(['symbols']);
  });

  it.each([
    ['missing symbols', {}, /^symbols: /],
    ['symbols that are not an array', { symbols: 'AAPL' }, /^symbols: /],
    ['an empty list', { symbols: [] }, /^symbols: name at least one symbol$/],
    ['a number in the list', { symbols: ['AAPL', 42] }, /^symbols\.1: /],
    ['bad characters', { symbols: ['BTC USD'] }, /^symbols\.0: symbol names use letters, digits and : \. _ \/ -$/],
    ['a name starting with punctuation', { symbols: ['-AAPL'] }, /^symbols\.0: symbol names use/],
    ['an empty name', { symbols: [''] }, /^symbols\.0: /],
    ['a name longer than 64 characters', { symbols: ['A'.repeat(65)] }, /^symbols\.0: /],
    ['null symbols', { symbols: null }, /^symbols: /],
  ])('answers %s with an invalid_payload error naming the field', (__, input, message) => {
    const result = parsePayload(schema, input);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_payload', message: expect.stringMatching(message) } });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'subscribe AAPL'],
    ['a number', 7],
    ['an array', [['AAPL']]],
  ])('answers %s instead of an object with an invalid_payload error', (__, input) => {
    const result = parsePayload(schema, input);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_payload', message: expect.any(String) } });
    expect(!result.ok && result.error.message.length).toBeGreaterThan(0);
  });

  it('accepts any list of valid names unchanged', () => {
    fc.assert(
      fc.property(fc.array(validName, { minLength: 1, maxLength: 20 }), (symbols) => {
        expect(parsePayload(schema, { symbols })).toEqual({ ok: true, value: { symbols } });
      }),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ symbols: fc.anything() })), (input) => {
        const result = parsePayload(schema, input);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid_payload');
          expect(result.error.message).not.toBe('');
        }
      }),
    );
  });
});

describe('symbol names', () => {
  it('rejects whitespace, slashes first, and control characters', () => {
    for (const name of [' AAPL', 'AAPL ', '/X', 'A\nB', 'Ä', 'A*B']) {
      expect(symbolNameSchema.safeParse(name).success).toBe(false);
    }
  });
});

describe('REQUEST_SCHEMAS', () => {
  it('accepts well-formed resync and ping requests and names what is wrong otherwise', () => {
    expect(parsePayload(REQUEST_SCHEMAS.resync, { symbols: ['AAPL'], reason: 'gap' })).toEqual({
      ok: true,
      value: { symbols: ['AAPL'], reason: 'gap' },
    });
    expect(parsePayload(REQUEST_SCHEMAS.resync, { symbols: ['AAPL'], reason: 'bored' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/^reason: /) },
    });
    expect(parsePayload(REQUEST_SCHEMAS.ping, { clientTime: 12.5 })).toEqual({ ok: true, value: { clientTime: 12.5 } });
    expect(parsePayload(REQUEST_SCHEMAS.ping, { clientTime: 'now' })).toMatchObject({ ok: false });
  });
});
