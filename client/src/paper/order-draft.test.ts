import { makeInstrument, parseMoney, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, EURUSD } from '../test-support/fixtures.ts';
import { ackErrorText } from './ack-errors.ts';
import { checkDraft, EMPTY_DRAFT, estimateValue, untradable, type OrderDraft } from './order-draft.ts';

const btc = makeInstrument(BTC);
const draft = (fields: Partial<OrderDraft>): OrderDraft => ({ ...EMPTY_DRAFT, ...fields });
const quote = { bid: 6_400_000 as Ticks, ask: 6_400_050 as Ticks, last: null };

describe('the order ticket’s check', () => {
  it('turns a market order into a request with no price and no time in force', () => {
    expect(checkDraft(draft({ side: 'sell', size: '0.5', price: '1', tif: 'post_only' }), btc)).toEqual({
      ok: true,
      request: { symbol: 'BTC-USD', side: 'sell', type: 'market', size: '0.5' },
    });
  });

  it('turns a limit order into a request with its price and time in force', () => {
    expect(checkDraft(draft({ type: 'limit', size: '1,000', price: '64,000.5', tif: 'ioc' }), btc)).toEqual({
      ok: true,
      request: { symbol: 'BTC-USD', side: 'buy', type: 'limit', size: '1000', price: '64000.5', tif: 'ioc' },
    });
    expect(checkDraft(draft({ size: '.5' }), btc)).toMatchObject({ ok: true, request: { size: '0.5' } });
  });

  it('refuses a size off the lot grid, naming the field and the lot size, as the server would', () => {
    expect(checkDraft(draft({ size: '0.00005' }), btc)).toEqual({
      ok: false,
      field: 'size',
      message: "Size 0.00005 is not a multiple of BTC-USD's lot size 0.0001.",
    });
  });

  it('refuses a limit price off the tick grid, an empty field, a zero and what is not a number', () => {
    expect(checkDraft(draft({ type: 'limit', size: '1', price: '64000.005' }), btc)).toMatchObject({
      field: 'price',
      message: "Price 64000.005 is not a multiple of BTC-USD's tick size 0.01.",
    });
    expect(checkDraft(draft({ type: 'limit', size: '1', price: '' }), btc)).toMatchObject({
      field: 'price',
      message: 'Enter a price.',
    });
    expect(checkDraft(draft({ size: '' }), btc)).toMatchObject({ field: 'size', message: 'Enter a size.' });
    expect(checkDraft(draft({ size: '0' }), btc)).toMatchObject({
      field: 'size',
      message: 'Size must be more than 0.',
    });
    expect(checkDraft(draft({ size: '-1' }), btc)).toMatchObject({
      field: 'size',
      message: expect.stringMatching(/positive number/),
    });
  });

  it('refuses a market quoted in a currency a paper account does not hold', () => {
    const jpy = makeInstrument({ ...EURUSD, symbol: 'USD/JPY', base: 'USD', quote: 'JPY' });
    expect(untradable(jpy)).toBe('Paper trading takes markets quoted in USD, USDT, USDC; USD/JPY is quoted in JPY.');
    expect(checkDraft(draft({ size: '1000' }), jpy)).toMatchObject({ ok: false, field: 'symbol' });
    expect(untradable(makeInstrument({ ...BTC, quote: 'USDT' }))).toBeUndefined();
  });
});

describe('the ticket’s estimate', () => {
  it('prices a limit order at its limit and a market order at the best price it would take', () => {
    expect(estimateValue(draft({ type: 'limit', size: '0.5', price: '63000' }), btc, quote)).toBe(parseMoney('31500'));
    expect(estimateValue(draft({ side: 'buy', size: '0.5' }), btc, quote)).toBe(parseMoney('32000.25'));
    expect(estimateValue(draft({ side: 'sell', size: '0.5' }), btc, quote)).toBe(parseMoney('32000'));
  });

  it('has none while the fields are wrong or the book has no price to take', () => {
    expect(estimateValue(draft({ size: 'x' }), btc, quote)).toBeUndefined();
    expect(estimateValue(draft({ size: '1' }), btc, { bid: null, ask: null, last: null })).toBeUndefined();
  });
});

describe('a refused request in words', () => {
  it('says what the code means and keeps the server’s detail', () => {
    expect(ackErrorText({ ok: false, error: { code: 'insufficient_funds', message: 'needs 32,000.25 USD' } })).toEqual({
      summary: 'Not enough funds: a buy needs the cash, a sell needs the holding',
      detail: 'needs 32,000.25 USD',
    });
    expect(ackErrorText({ ok: false, error: { code: 'market_halted', message: ' ' } }).detail).toBeUndefined();
  });
});
