import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookChecksum, CHECKSUM_LEVELS, checksumString, crc32, orderBookChecksum } from './checksum.ts';
import { type Lots, makeInstrument, type SymbolSpec, type Ticks } from './instrument.ts';
import { OrderBook, type BookLevels, type Level } from './order-book.ts';

const spec = (over: Partial<SymbolSpec>): SymbolSpec => ({
  symbol: 'X',
  name: 'X',
  assetClass: 'crypto',
  base: 'X',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '0.0001',
  pricePrecision: 2,
  sizePrecision: 4,
  ...over,
});
const btc = makeInstrument(spec({ symbol: 'BTC-USD' }));
const eurusd = makeInstrument(
  spec({ symbol: 'EUR/USD', tickSize: '0.00001', pricePrecision: 5, lotSize: '1000', sizePrecision: 0 }),
);
const lv = (price: number, size: number): Level => [price as Ticks, size as Lots];

/** CRC-32 bit by bit, straight from the polynomial: an independent reference for the table-driven version. */
function referenceCrc32(text: string): number {
  let crc = 0xffffffff;
  for (const ch of text) {
    crc ^= ch.charCodeAt(0);
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('matches the standard check value and the empty string', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it('agrees with a bit-by-bit reference on any ASCII string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 400 }), (s) => {
        expect(crc32(s)).toBe(referenceCrc32(s));
      }),
    );
  });
});

describe('book checksum (fixed vectors)', () => {
  it('joins asks low to high, then bids high to low, price then size, without points or leading zeros', () => {
    const book: BookLevels = {
      asks: [lv(6425100, 2500), lv(6425300, 10000)],
      bids: [lv(6425000, 1), lv(6424900, 123456)],
    };
    // 64251.00 x 0.2500, 64253.00 x 1.0000, 64250.00 x 0.0001, 64249.00 x 12.3456
    expect(checksumString(book, btc)).toBe('64251002500' + '642530010000' + '64250001' + '6424900123456');
    expect(bookChecksum(book, btc)).toBe(2210946412);
  });

  it('formats at each symbol precision: EUR/USD 1.08003 x 5000', () => {
    const book: BookLevels = { asks: [lv(108003, 5)], bids: [lv(108001, 12)] };
    expect(checksumString(book, eurusd)).toBe('108003' + '5000' + '108001' + '12000');
    expect(bookChecksum(book, eurusd)).toBe(4231000117);
  });

  it('an empty book hashes the empty string', () => {
    expect(bookChecksum({ asks: [], bids: [] }, btc)).toBe(0);
  });

  it(`covers only the best ${CHECKSUM_LEVELS} levels of each side`, () => {
    const side = (start: number, step: number) => Array.from({ length: 15 }, (_, i) => lv(start + i * step, 1 + i));
    const book: BookLevels = { asks: side(200, 1), bids: side(100, -1) };
    const deeper = { asks: book.asks.map((l, i) => (i >= CHECKSUM_LEVELS ? lv(l[0], 999) : l)), bids: book.bids };
    expect(bookChecksum(deeper, btc)).toBe(bookChecksum(book, btc));
    const inside = { asks: book.asks.map((l, i) => (i === CHECKSUM_LEVELS - 1 ? lv(l[0], 999) : l)), bids: book.bids };
    expect(bookChecksum(inside, btc)).not.toBe(bookChecksum(book, btc));
  });

  it('any change of one price or size in the top levels changes the checksum', () => {
    const level = fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }));
    fc.assert(
      fc.property(
        fc.array(level, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        fc.integer({ min: 1, max: 1000 }),
        (asks, pick, delta) => {
          const book: BookLevels = { asks: asks.map(([p, s]) => lv(p, s)), bids: [] };
          const i = pick % asks.length;
          const changed = { asks: book.asks.map((l, j) => (j === i ? lv(l[0], l[1] + delta) : l)), bids: [] };
          expect(bookChecksum(changed, btc)).not.toBe(bookChecksum(book, btc));
        },
      ),
    );
  });
});

describe('book checksum without the string', () => {
  // Any tick and lot at any precision, levels up to prices and sizes in the billions of units.
  const instrument = fc
    .record({
      pricePrecision: fc.integer({ min: 0, max: 8 }),
      sizePrecision: fc.integer({ min: 0, max: 8 }),
      tickUnits: fc.integer({ min: 1, max: 1000 }),
      lotUnits: fc.integer({ min: 1, max: 1000 }),
    })
    .map(({ pricePrecision, sizePrecision, tickUnits, lotUnits }) => {
      const decimal = (units: number, scale: number) =>
        scale === 0 ? String(units) : (units / 10 ** scale).toFixed(scale);
      return makeInstrument(
        spec({
          pricePrecision,
          sizePrecision,
          tickSize: decimal(tickUnits, pricePrecision),
          lotSize: decimal(lotUnits, sizePrecision),
        }),
      );
    });
  const side = fc
    .uniqueArray(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 14 })
    .chain((prices) =>
      fc.tuple(
        fc.constant(prices),
        fc.array(fc.integer({ min: 1, max: 9_000_000 }), { minLength: prices.length, maxLength: prices.length }),
      ),
    );

  it('equals the CRC-32 of the protocol string, for any book at any precision', () => {
    fc.assert(
      fc.property(instrument, side, side, (inst, [askPrices, askSizes], [bidPrices, bidSizes]) => {
        const asks = [...askPrices].sort((a, b) => a - b).map((p, i) => lv(p, askSizes[i] as number));
        const bids = [...bidPrices].sort((a, b) => b - a).map((p, i) => lv(p, bidSizes[i] as number));
        const book: BookLevels = { asks, bids };
        const expected = crc32(checksumString(book, inst));
        expect(bookChecksum(book, inst)).toBe(expected);

        const sorted = new OrderBook();
        sorted.applySnapshot(book);
        expect(orderBookChecksum(sorted, inst)).toBe(expected);
      }),
    );
  });
});
