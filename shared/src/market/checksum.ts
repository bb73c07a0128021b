// The book checksum: CRC32 of the top levels, in the spirit of Kraken's WebSocket v2 book checksum, so a client can
// prove after every update that its book is the server's. The string format is part of the protocol (PROTOCOL.md).

import type { Instrument } from './instrument.ts';
import { ASK, BID, type BookLevels, type Level, type OrderBook, type SideCode } from './order-book.ts';

/** Levels per side that the checksum covers (Kraken uses the same 10). */
export const CHECKSUM_LEVELS = 10;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zlib) of an ASCII string, as an unsigned 32-bit integer. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Scratch space for one integer's digits: a replica checks its book on every update, so this allocates nothing. */
const DIGITS = new Uint8Array(20);

/**
 * The CRC state after the decimal digits of a non-negative safe integer, as `String(units)` writes them. A price
 * formatted at its precision, point and leading zeros removed, is exactly its count of 10^-precision units.
 */
function crcOfUnits(crc: number, units: number): number {
  let n = units;
  let length = 0;
  do {
    DIGITS[length++] = 48 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  while (length > 0) crc = (CRC_TABLE[(crc ^ (DIGITS[--length] as number)) & 0xff] as number) ^ (crc >>> 8);
  return crc;
}

function crcOfLevel(crc: number, price: number, size: number, instrument: Instrument): number {
  return crcOfUnits(crcOfUnits(crc, price * instrument.unitsPerTick), size * instrument.unitsPerLot);
}

/** A decimal string with its point and leading zeros removed: "0.00100" -> "100", "64250.50" -> "6425050". */
function digits(decimal: string): string {
  const stripped = decimal.replace('.', '').replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

/**
 * The string the checksum hashes: for each of the best CHECKSUM_LEVELS asks (low to high), then bids (high to low),
 * price then size, each formatted at the symbol's precision with the point and leading zeros removed.
 */
export function checksumString(book: BookLevels, instrument: Instrument): string {
  let out = '';
  const asks = Math.min(CHECKSUM_LEVELS, book.asks.length);
  for (let i = 0; i < asks; i++) {
    const [price, size] = book.asks[i]!;
    out += digits(instrument.formatPrice(price)) + digits(instrument.formatSize(size));
  }
  const bids = Math.min(CHECKSUM_LEVELS, book.bids.length);
  for (let i = 0; i < bids; i++) {
    const [price, size] = book.bids[i]!;
    out += digits(instrument.formatPrice(price)) + digits(instrument.formatSize(size));
  }
  return out;
}

/**
 * The checksum of a book (best-first levels, as `OrderBook.top`) for one symbol: `crc32(checksumString(...))`,
 * computed without building the string.
 */
export function bookChecksum(book: BookLevels, instrument: Instrument): number {
  const crc = crcOfLevels(crcOfLevels(0xffffffff, book.asks, instrument), book.bids, instrument);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The same checksum read straight from an OrderBook, copying no level out (what a replica runs per update). */
export function orderBookChecksum(book: OrderBook, instrument: Instrument): number {
  const crc = crcOfBookSide(crcOfBookSide(0xffffffff, book, ASK, instrument), book, BID, instrument);
  return (crc ^ 0xffffffff) >>> 0;
}

function crcOfLevels(crc: number, levels: readonly Level[], instrument: Instrument): number {
  const n = Math.min(CHECKSUM_LEVELS, levels.length);
  for (let i = 0; i < n; i++) crc = crcOfLevel(crc, levels[i]![0], levels[i]![1], instrument);
  return crc;
}

function crcOfBookSide(crc: number, book: OrderBook, side: SideCode, instrument: Instrument): number {
  for (let i = 0; i < CHECKSUM_LEVELS; i++) {
    const price = book.priceAt(side, i);
    if (price === undefined) break;
    crc = crcOfLevel(crc, price, book.size(side, price), instrument);
  }
  return crc;
}
