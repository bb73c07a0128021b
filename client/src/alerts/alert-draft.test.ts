import { makeInstrument, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { AAPL, BTC, EURUSD } from '../test-support/fixtures.ts';
import { checkDraft, draftOf, newDraft, type AlertDraft } from './alert-draft.ts';

const btc = makeInstrument(BTC);
const eur = makeInstrument(EURUSD);
const draft = (fields: Partial<AlertDraft>): AlertDraft => ({ ...newDraft('BTC-USD', btc, null), ...fields });

describe('checkDraft', () => {
  it('turns a price on the tick grid into an exact level in ticks, separators allowed', () => {
    expect(checkDraft(draft({ price: '64,250.5' }), btc)).toEqual({
      ok: true,
      condition: { kind: 'above', level: 6_425_050 },
    });
    expect(checkDraft(draft({ kind: 'below', price: '1.08001' }), eur)).toEqual({
      ok: true,
      condition: { kind: 'below', level: 108_001 },
    });
  });

  it('explains what is wrong with a price', () => {
    const error = (price: string, instrument = btc) => {
      const result = checkDraft(draft({ price }), instrument);
      return result.ok ? undefined : result.errors.price;
    };
    expect(error('')).toBe('Enter a price.');
    expect(error('abc')).toBe('Enter the price as a number, such as 12.50.');
    expect(error('0')).toBe('The price must be above zero.');
    expect(error('-5')).toBe('The price must be above zero.');
    expect(error('100.005')).toBe('BTC-USD prices move in steps of 0.01: try 100.00 or 100.01.');
    expect(error('1.080015', eur)).toBe('EUR/USD prices move in steps of 0.00001: try 1.08001 or 1.08002.');
  });

  it('turns a percentage into basis points, with the direction and window chosen', () => {
    expect(checkDraft(draft({ kind: 'move', percent: '2.5', direction: 'down', windowMs: 60_000 }), btc)).toEqual({
      ok: true,
      condition: { kind: 'move', direction: 'down', basisPoints: 250, windowMs: 60_000 },
    });
    expect(checkDraft(draft({ kind: 'move', percent: '5%' }), btc)).toMatchObject({ ok: true });
  });

  it('explains what is wrong with a percentage', () => {
    const error = (percent: string) => {
      const result = checkDraft(draft({ kind: 'move', percent }), btc);
      return result.ok ? undefined : result.errors.percent;
    };
    expect(error('')).toBe('Enter a percentage.');
    expect(error('-1')).toBe('Enter the percentage as a number, such as 2.5.');
    expect(error('0')).toBe('The percentage must be above zero.');
    expect(error('0.001')).toBe('Use at most two decimals (steps of 0.01 %).');
    expect(error('150')).toBe('The percentage can be at most 100.');
  });
});

describe('drafts', () => {
  it('a new draft starts from the price given, at the symbol’s precision', () => {
    expect(newDraft('AAPL', makeInstrument(AAPL), 19_000 as Ticks).price).toBe('190.00');
    expect(newDraft('AAPL', makeInstrument(AAPL), null).price).toBe('');
  });

  it('editing starts from the alert’s own fields', () => {
    const move = { kind: 'move', direction: 'up', basisPoints: 125, windowMs: 900_000 } as const;
    expect(draftOf({ id: '1', symbol: 'BTC-USD', condition: move, armedAt: 0 }, btc)).toMatchObject({
      kind: 'move',
      percent: '1.25',
      direction: 'up',
      windowMs: 900_000,
    });
    const below = { kind: 'below', level: 12_345 as Ticks } as const;
    expect(draftOf({ id: '1', symbol: 'BTC-USD', condition: below, armedAt: 0 }, btc)).toMatchObject({
      kind: 'below',
      price: '123.45',
    });
  });
});
