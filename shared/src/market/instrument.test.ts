import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  decimalToUnits,
  type Instrument,
  type Lots,
  makeInstrument,
  specProblem,
  type SymbolSpec,
  type Ticks,
  unitsToDecimal,
} from './instrument.ts';

const spec = (overrides: Partial<SymbolSpec>): SymbolSpec => ({
  symbol: 'TEST',
  name: 'Test',
  assetClass: 'crypto',
  base: 'TST',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  pricePrecision: 2,
  sizePrecision: 0,
  ...overrides,
});

const btc = makeInstrument(
  spec({ symbol: 'BTC-USD', base: 'BTC', tickSize: '0.01', pricePrecision: 2, lotSize: '0.0001', sizePrecision: 4 }),
);
const eurusd = makeInstrument(
  spec({
    symbol: 'EUR/USD',
    assetClass: 'fx',
    base: 'EUR',
    tickSize: '0.00001',
    pricePrecision: 5,
    lotSize: '1000',
    sizePrecision: 0,
  }),
);
const nickel = makeInstrument(spec({ symbol: 'NKL', assetClass: 'equity', tickSize: '0.05', pricePrecision: 2 }));
// Display precision finer than the tick: a half-point tick shown with cents.
const halfPoint = makeInstrument(
  spec({ symbol: 'HALF', tickSize: '0.5', pricePrecision: 2, lotSize: '10', sizePrecision: 1 }),
);

const instruments: [string, Instrument][] = [
  ['BTC-USD', btc],
  ['EUR/USD', eurusd],
  ['tick 0.05', nickel],
  ['tick 0.5 at precision 2', halfPoint],
];

const t = (n: number) => n as Ticks;
const l = (n: number) => n as Lots;

// Ticks far beyond any real price but still exact once multiplied by units per tick.
const ticks = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

describe('formatting at precision', () => {
  it('formats BTC prices with two decimals and sizes with four', () => {
    expect(btc.formatPrice(t(6425050))).toBe('64250.50');
    expect(btc.formatPrice(t(0))).toBe('0.00');
    expect(btc.formatPrice(t(1))).toBe('0.01');
    expect(btc.formatPrice(t(100))).toBe('1.00');
    expect(btc.formatSize(l(1))).toBe('0.0001');
    expect(btc.formatSize(l(12345))).toBe('1.2345');
    expect(btc.formatSize(l(10000))).toBe('1.0000');
  });

  it('formats EUR/USD prices with five decimals and sizes in whole thousands', () => {
    expect(eurusd.formatPrice(t(108423))).toBe('1.08423');
    expect(eurusd.formatPrice(t(5))).toBe('0.00005');
    expect(eurusd.formatPrice(t(100000))).toBe('1.00000');
    expect(eurusd.formatSize(l(3))).toBe('3000');
    expect(eurusd.formatSize(l(0))).toBe('0');
  });

  it('formats a 0.05 tick as multiples of five cents', () => {
    expect(nickel.formatPrice(t(1))).toBe('0.05');
    expect(nickel.formatPrice(t(3))).toBe('0.15');
    expect(nickel.formatPrice(t(20))).toBe('1.00');
    expect(nickel.formatPrice(t(2001))).toBe('100.05');
  });

  it('pads to the display precision when it is finer than the tick', () => {
    expect(halfPoint.formatPrice(t(3))).toBe('1.50');
    expect(halfPoint.formatSize(l(3))).toBe('30.0');
  });

  it('formats negative values with a leading minus and the same digits', () => {
    expect(btc.formatPrice(t(-1))).toBe('-0.01');
    expect(btc.formatPrice(t(-6425050))).toBe('-64250.50');
    expect(eurusd.formatPrice(t(-108423))).toBe('-1.08423');
    expect(nickel.formatPrice(t(-3))).toBe('-0.15');
    expect(eurusd.formatSize(l(-2))).toBe('-2000');
  });

  it.each(instruments)('%s always prints exactly its precision in digits after the point', (_, inst) => {
    const pp = inst.spec.pricePrecision;
    const shape = pp === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${pp}}$`);
    fc.assert(fc.property(ticks, (p) => shape.test(inst.formatPrice(t(p)))));
  });
});

describe('parsing decimals exactly', () => {
  it('parses a BTC price with or without trailing zeros', () => {
    expect(btc.parsePrice('64250.50')).toBe(6425050);
    expect(btc.parsePrice('64250.5')).toBe(6425050);
    expect(btc.parsePrice('64250.500000')).toBe(6425050);
    expect(btc.parsePrice('64250')).toBe(6425000);
    expect(btc.parsePrice('0.01')).toBe(1);
    expect(btc.parsePrice('-0.01')).toBe(-1);
    expect(btc.parseSize('1.2345')).toBe(12345);
  });

  it('parses prices whose float value is inexact without drift', () => {
    // 0.1 + 0.2 !== 0.3 in floats, but the decimal strings are exact.
    expect(btc.parsePrice('0.3')).toBe(30);
    expect(eurusd.parsePrice('1.08423')).toBe(108423);
    expect(eurusd.parsePrice('0.00001')).toBe(1);
  });

  it('parses multiples of a 0.05 tick and of a 1000 lot', () => {
    expect(nickel.parsePrice('0.15')).toBe(3);
    expect(nickel.parsePrice('0.10')).toBe(2);
    expect(nickel.parsePrice('-0.05')).toBe(-1);
    expect(eurusd.parseSize('3000')).toBe(3);
    expect(eurusd.parseSize('1000.0')).toBe(1);
  });

  it('rejects prices and sizes that are off the grid', () => {
    expect(() => btc.parsePrice('64250.505')).toThrow(RangeError);
    expect(() => btc.parsePrice('0.001')).toThrow(/not a multiple/);
    expect(() => nickel.parsePrice('0.12')).toThrow(RangeError);
    expect(() => nickel.parsePrice('-0.07')).toThrow(RangeError);
    expect(() => eurusd.parsePrice('1.084231')).toThrow(RangeError);
    expect(() => eurusd.parseSize('2500')).toThrow(RangeError);
    expect(() => eurusd.parseSize('0.5')).toThrow(RangeError);
    expect(() => btc.parseSize('0.00001')).toThrow(RangeError);
  });

  it.each(['', 'abc', '1e3', '.5', '1.', '+1', '0x10', '1,000.00', '1.2.3', '--1', 'NaN', 'Infinity'])(
    'rejects %j as not a decimal',
    (input) => {
      expect(() => btc.parsePrice(input)).toThrow(RangeError);
    },
  );

  it('rejects a decimal too large to count exactly', () => {
    expect(() => btc.parsePrice('99999999999999999999')).toThrow(RangeError);
    expect(decimalToUnits('9007199254740991', 0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(decimalToUnits('9007199254740992', 0)).toBeUndefined();
  });

  it.each(instruments)('%s parses back every price it formats, with no float drift', (_, inst) => {
    fc.assert(fc.property(ticks, (p) => inst.parsePrice(inst.formatPrice(t(p))) === p));
  });

  it.each(instruments)('%s parses back every size it formats', (_, inst) => {
    fc.assert(fc.property(ticks, (s) => inst.parseSize(inst.formatSize(l(s))) === s));
  });
});

describe('float values at the edge', () => {
  it('gives the float value of a price and a size', () => {
    expect(btc.priceValue(t(6425050))).toBe(64250.5);
    expect(eurusd.priceValue(t(108423))).toBe(1.08423);
    expect(nickel.priceValue(t(3))).toBe(0.15);
    expect(eurusd.sizeValue(l(3))).toBe(3000);
  });

  it('rounds a float price to the nearest tick', () => {
    expect(btc.toTicks(64250.5)).toBe(6425050);
    expect(btc.toTicks(0.1 + 0.2)).toBe(30);
    expect(btc.toTicks(64250.504)).toBe(6425050);
    expect(btc.toTicks(64250.506)).toBe(6425051);
    expect(btc.toTicks(-0.02)).toBe(-2);
    expect(nickel.toTicks(0.17)).toBe(3);
    expect(nickel.toTicks(0.18)).toBe(4);
    expect(eurusd.toTicks(1.084234)).toBe(108423);
    expect(eurusd.toTicks(1.084236)).toBe(108424);
  });

  it('rounds a float size to the nearest lot', () => {
    expect(btc.toLots(1.23456)).toBe(12346);
    expect(eurusd.toLots(2400)).toBe(2);
    expect(eurusd.toLots(2600)).toBe(3);
  });

  it.each(instruments)('%s: the float value of a price rounds back to the same tick', (_, inst) => {
    fc.assert(fc.property(ticks, (p) => inst.toTicks(inst.priceValue(t(p))) === p));
  });

  it.each(instruments)('%s: the displayed string and the float value are the same number', (_, inst) => {
    fc.assert(fc.property(ticks, (p) => Number(inst.formatPrice(t(p))) === inst.priceValue(t(p))));
  });
});

describe('decimal <-> units', () => {
  it('counts units of 10^-scale exactly', () => {
    expect(decimalToUnits('1.5', 2)).toBe(150);
    expect(decimalToUnits('1.500', 2)).toBe(150);
    expect(decimalToUnits('-0.5', 1)).toBe(-5);
    expect(decimalToUnits('42', 0)).toBe(42);
    expect(decimalToUnits(' 1.25 ', 2)).toBe(125);
    expect(decimalToUnits('1.505', 2)).toBeUndefined();
    expect(decimalToUnits('1.5', 0)).toBeUndefined();
  });

  it('writes units with exactly scale digits after the point', () => {
    expect(unitsToDecimal(5, 3)).toBe('0.005');
    expect(unitsToDecimal(-5, 3)).toBe('-0.005');
    expect(unitsToDecimal(12345, 2)).toBe('123.45');
    expect(unitsToDecimal(0, 2)).toBe('0.00');
    expect(unitsToDecimal(-5, 0)).toBe('-5');
    expect(unitsToDecimal(7, 0)).toBe('7');
  });

  it('round-trips any safe integer at any scale', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 12 }), (units, scale) => {
        expect(decimalToUnits(unitsToDecimal(units, scale), scale)).toBe(units);
      }),
    );
  });

  it('round-trips any decimal string to its canonical form', () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
    fc.assert(
      fc.property(
        fc.boolean(),
        digits(6),
        fc.option(digits(6), { nil: undefined }),
        // At most 6 + 9 = 15 digits, so every such decimal is countable exactly.
        fc.integer({ min: 6, max: 9 }),
        (negative, int, frac, scale) => {
          const decimal = `${negative ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`;
          const units = decimalToUnits(decimal, scale);
          expect(units).toBeDefined();
          const back = unitsToDecimal(units as number, scale);
          // Same number, written at the scale: leading zeros dropped, trailing zeros padded. (`===`, since "-0" counts -0.)
          expect(decimalToUnits(back, scale) === units).toBe(true);
          expect(back.split('.')[1]).toHaveLength(scale);
        },
      ),
    );
  });
});

describe('spec validation', () => {
  it('accepts the specs the dashboard ships with', () => {
    for (const [, inst] of instruments) expect(specProblem(inst.spec)).toBeUndefined();
  });

  it.each([
    ['a zero tick', { tickSize: '0' }, /tickSize "0"/],
    ['a negative tick', { tickSize: '-0.01' }, /tickSize "-0.01"/],
    ['a tick finer than the price precision', { tickSize: '0.001', pricePrecision: 2 }, /tickSize "0.001".*at most 2/],
    ['a tick that is not a decimal', { tickSize: '1e-2' }, /tickSize/],
    ['a zero lot', { lotSize: '0' }, /lotSize "0"/],
    ['a lot finer than the size precision', { lotSize: '0.5', sizePrecision: 0 }, /lotSize "0.5"/],
    ['a negative price precision', { pricePrecision: -1 }, /precision for tickSize/],
    ['a fractional price precision', { pricePrecision: 2.5 }, /precision for tickSize/],
    ['a price precision above 12', { pricePrecision: 13, tickSize: '0.01' }, /precision for tickSize must be 0..12/],
    ['a NaN size precision', { sizePrecision: Number.NaN }, /precision for lotSize/],
  ] as const)('names the problem with %s', (_, overrides, message) => {
    const bad = spec({ symbol: 'BAD', ...overrides });
    expect(specProblem(bad)).toMatch(message);
    expect(specProblem(bad)).toMatch(/^BAD: /);
    expect(() => makeInstrument(bad)).toThrow(RangeError);
  });
});

describe('branded numbers', () => {
  it('does not let a size be passed where a price is meant', () => {
    expectTypeOf<Lots>().not.toEqualTypeOf<Ticks>();
    expectTypeOf(btc.formatPrice).parameter(0).toEqualTypeOf<Ticks>();
    const typeOnly = (_: () => void): void => {};
    typeOnly(() => {
      const size = btc.parseSize('1');
      // @ts-expect-error a size is not a price
      btc.formatPrice(size);
      // @ts-expect-error a plain number is not a price either
      btc.formatPrice(100);
    });
  });
});
