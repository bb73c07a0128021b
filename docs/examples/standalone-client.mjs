// A complete Tickline client in plain JavaScript: it keeps every symbol's book exactly as the server publishes it,
// and proves it with the checksum after every change. It imports nothing of Tickline's, only socket.io-client, so it
// doubles as a template for a client in another language (docs/PROTOCOL.md describes every step it takes).
//
//   npm install socket.io-client && node standalone-client.mjs http://127.0.0.1:3000

import { pathToFileURL } from 'node:url';
import { io } from 'socket.io-client';

// The book checksum is a CRC-32: the usual table-driven one (reflected, polynomial 0xEDB88320), as zlib computes it.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
  return n >>> 0;
});

/** CRC-32 (IEEE 802.3, as zlib's) of an ASCII string, as an unsigned integer. */
export function crc32(text) {
  let crc = -1;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

// A decimal string as a whole number of units of the last digit at `precision` decimals: ("0.05", 2) -> 5, and
// ("1000", 0) -> 1000. Exact: no floating point (0.29 * 100 is 28.999999999999996).
const unitsOf = (decimal, precision) => {
  const [int, frac = ''] = decimal.split('.');
  return Number(int + frac.padEnd(precision, '0').slice(0, precision));
};

/** Exact integer conversions for one symbol's spec (from GET /api/symbols): no float ever rounds a price. */
export function instrument(spec) {
  const tick = unitsOf(spec.tickSize, spec.pricePrecision);
  const lot = unitsOf(spec.lotSize, spec.sizePrecision);
  const decimal = (units, precision) => {
    const digits = String(units).padStart(precision + 1, '0');
    return precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
  };
  // Formatted at its precision, without the point and the leading zeros, a price is its count of units: 64251.00 is
  // "6425100". So the checksum string needs no formatting at all.
  const side = (levels) =>
    levels
      .slice(0, 10)
      .map(([price, size]) => `${price * tick}${size * lot}`)
      .join('');
  return {
    price: (ticks) => decimal(ticks * tick, spec.pricePrecision),
    size: (lots) => decimal(lots * lot, spec.sizePrecision),
    /** The book checksum of best-first levels: the top 10 asks (low to high), then the top 10 bids (high to low). */
    checksum: ({ bids, asks }) => crc32(side(asks) + side(bids)),
  };
}

/** A book's levels best first, as snapshots carry them. */
export const levels = (book) => ({
  bids: [...book.bids].sort((a, b) => b[0] - a[0]),
  asks: [...book.asks].sort((a, b) => a[0] - b[0]),
});

/**
 * Connects and keeps `books` (symbol -> { seq, status, bids: Map<price, size>, asks }) equal to the server's. A
 * symbol is missing from `books` while its state is in doubt: before its first snapshot, and while it is resynced.
 */
export async function connectTickline(url, options = {}) {
  const { timeoutMs = 5000, onTrade = () => {}, log = () => {}, ...ioOptions } = options;
  const specs = await (await fetch(new URL('/api/symbols', url))).json();
  const symbols = specs.map((s) => s.symbol);
  const instruments = new Map(specs.map((s) => [s.symbol, instrument(s)]));
  const books = new Map();
  const names = new Map(); // stream id -> symbol, taught by each snapshot
  const asking = new Set(); // symbols with a request in flight or waiting to be retried
  const feed = { epoch: undefined, status: undefined };
  const stats = { updates: 0, snapshots: 0, gaps: 0, mismatches: 0, retries: 0 };
  let connection = 0; // moves on at every disconnect: a dead connection's answers and retries are dropped
  let connectedBefore = false;
  // WebSocket only: polling needs sticky sessions, and a cluster's edges sit behind a plain load balancer.
  const socket = io(url, { transports: ['websocket'], ...ioOptions });

  // One request per symbol at a time; until it is answered, the symbol's updates belong to a state we dropped.
  function ask(list, reason) {
    const fresh = list.filter((symbol) => !asking.has(symbol));
    for (const symbol of fresh) {
      asking.add(symbol);
      books.delete(symbol);
    }
    if (fresh.length > 0) send(fresh, reason, 0);
  }

  function send(list, reason, attempt) {
    const mine = connection;
    const retry = (why, atLeastMs = 0) => {
      stats.retries++; // capped exponential backoff with jitter, so a struggling server is not hammered
      const delay = Math.max(atLeastMs, Math.min(250 * 2 ** attempt, 10_000) * (0.5 + Math.random()));
      setTimeout(() => mine === connection && send(list, why, attempt + 1), delay);
    };
    const request = reason === 'subscribe' ? { symbols: list } : { symbols: list, reason };
    socket.timeout(timeoutMs).emit(reason === 'subscribe' ? 'subscribe' : 'resync', request, (err, ack) => {
      if (mine !== connection) return; // the next connection asks for everything anyway
      if (err) return retry('timeout');
      if (!ack.ok && ['unavailable', 'rate_limited', 'internal'].includes(ack.error.code)) {
        return retry(reason, ack.error.retryAfterMs); // no effect on the server: ask again, when it says
      }
      if (!ack.ok) return log(`${list.join(', ')}: ${ack.error.code}: ${ack.error.message}`);
      if (ack.epoch !== feed.epoch) return retry('epoch'); // numbered in an epoch the server no longer announces
      for (const symbol of list) asking.delete(symbol);
      ack.snapshots.forEach(load); // here, not later: the updates that follow the ack may be queued behind it
    });
  }

  function load(snapshot) {
    const { symbol, sid, seq, status, book } = snapshot;
    names.set(sid, symbol);
    if (instruments.get(symbol).checksum(book) !== snapshot.checksum) return mismatch(symbol);
    books.set(symbol, { seq, status, bids: new Map(book.bids), asks: new Map(book.asks) });
    stats.snapshots++;
    const [bid, offer] = [book.bids[0], book.asks[0]].map((l) => (l ? instruments.get(symbol).price(l[0]) : '-'));
    log(`${symbol} epoch ${snapshot.epoch} seq ${seq}: ${bid} / ${offer} (${status})`);
  }

  function mismatch(symbol) {
    stats.mismatches++;
    ask([symbol], 'checksum'); // our book is not the server's: replace it
  }

  function applyLevels(book, flat = []) {
    for (let i = 0, price = 0; i < flat.length; i += 2) {
      price += flat[i]; // every price after the first is a delta from the previous one
      if (flat[i + 1] === 0) book.delete(price);
      else book.set(price, flat[i + 1]);
    }
  }

  socket.on('connect', () => {
    // Every connection starts with no subscriptions: the first one subscribes, every later one resyncs everything.
    asking.clear();
    ask(symbols, connectedBefore ? 'reconnect' : 'subscribe');
    connectedBefore = true;
  });
  socket.on('disconnect', () => connection++);

  // Sent first on every connection, then on every change; a new epoch is announced before any update of it.
  socket.on('feed:status', ({ epoch, status }) => {
    const renewed = feed.epoch !== undefined && epoch !== feed.epoch;
    Object.assign(feed, { epoch, status });
    log(`feed ${status}, epoch ${epoch}`);
    if (!renewed) return;
    // A restarted sequencer counts from 0 again and may give the stream ids out anew: nothing we hold compares.
    books.clear();
    names.clear();
    ask(symbols, 'epoch'); // a request already in flight is answered in the new epoch, or asked again (see send)
  });

  socket.on('md', ([time, ...updates]) => {
    for (const [sid, seq, ...rest] of updates) {
      const symbol = names.get(sid);
      const book = books.get(symbol);
      if (!book || seq <= book.seq) continue; // nothing to apply it to (yet), or a duplicate
      if (seq !== book.seq + 1) {
        stats.gaps++;
        ask([symbol], 'gap'); // an update is missing: resync this symbol alone
        continue;
      }
      const inst = instruments.get(symbol);
      const extras = typeof rest[0] === 'object' ? rest.shift() : {};
      applyLevels(book.bids, extras.b);
      applyLevels(book.asks, extras.a);
      book.seq = seq;
      if (extras.s) book.status = extras.s;
      stats.updates++;
      if ((extras.b || extras.a) && inst.checksum(levels(book)) !== extras.c) mismatch(symbol);
      for (let i = 0, t = time, p = 0; i < rest.length; i += 3) {
        t += rest[i]; // trades are deltas too: time from the previous trade's (the first's from the batch's)
        p += rest[i + 1];
        const q = rest[i + 2]; // size in lots, negative when the aggressor sold
        onTrade({ symbol, time: t, side: q > 0 ? 'buy' : 'sell', price: inst.price(p), size: inst.size(Math.abs(q)) });
      }
    }
  });

  return { books, feed, stats, close: () => socket.disconnect() };
}

// Run as a program: print every trade, and a line whenever the feed's status or a symbol's snapshot arrives.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await connectTickline(process.argv[2] ?? 'http://127.0.0.1:3000', {
    log: console.log,
    onTrade: (t) => console.log(`${new Date(t.time).toISOString()} ${t.symbol} ${t.side} ${t.size} @ ${t.price}`),
  });
}
