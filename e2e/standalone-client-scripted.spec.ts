// The standalone client of docs/PROTOCOL.md through a scripted server that refuses, skips, corrupts and changes
// epoch under an open connection, on cue: what a real server does rarely.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  bookChecksum,
  type BookLevels,
  type ClientToServerEvents,
  EMPTY_TICKER,
  type ErrorCode,
  makeInstrument,
  PROTOCOL_VERSION,
  type ResyncReason,
  type ServerToClientEvents,
  type SubscribeAck,
  type SymbolSnapshot,
  type WireExtras,
  type WireUpdate,
} from '@tickline/shared';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  type Levels,
  type ExampleTrade,
  example,
  until,
  branded,
  spec,
  onCleanup,
  runCleanups,
} from './support/standalone-example.ts';

afterEach(runCleanups);

// --- Against a scripted server: what a real one does rarely, on cue ------------------------------------------------

const PENNY = spec({ symbol: 'X:PENNY', assetClass: 'fx', tickSize: '0.05', lotSize: '1000', sizePrecision: 0 });
const COIN = spec({ symbol: 'X:COIN' });
const SCRIPTED = [PENNY, COIN];

interface Asked {
  event: 'subscribe' | 'resync';
  symbols: string[];
  reason: ResyncReason | undefined;
  answered: boolean;
  answer(ack: SubscribeAck): void;
}

/** A server that answers nothing by itself: the test answers each request, and says every feed:status and md. */
async function startScriptedServer() {
  const http = createServer((req, res) => {
    if (req.url === '/api/symbols') res.setHeader('content-type', 'application/json').end(JSON.stringify(SCRIPTED));
    else res.writeHead(404).end();
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { serveClient: false });
  const asked: Asked[] = [];
  let epoch = 1;
  io.on('connection', (socket) => {
    socket.emit('feed:status', { version: PROTOCOL_VERSION, epoch, status: 'live' });
    type Ack = (response: SubscribeAck) => void;
    const record = (event: Asked['event'], symbols: string[], reason: ResyncReason | undefined, ack: Ack) => {
      const entry: Asked = {
        event,
        symbols,
        reason,
        answered: false,
        answer(response) {
          entry.answered = true;
          ack(response);
        },
      };
      asked.push(entry);
    };
    socket.on('subscribe', ({ symbols }, ack) => record('subscribe', symbols, undefined, ack));
    socket.on('resync', ({ symbols, reason }, ack) => record('resync', symbols, reason, ack));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  onCleanup(() => io.close());

  // The market as the script has it: each symbol's book, sequenced by hand.
  const empty = () => ({ bids: new Map<number, number>(), asks: new Map<number, number>() });
  const books = new Map(SCRIPTED.map((s) => [s.symbol, empty()]));
  const levelsOf = (symbol: string): BookLevels => {
    const book = books.get(symbol)!;
    return branded({
      bids: [...book.bids].sort((a, b) => b[0] - a[0]),
      asks: [...book.asks].sort((a, b) => a[0] - b[0]),
    });
  };
  const instruments = new Map(SCRIPTED.map((s) => [s.symbol, makeInstrument(s)]));
  const checksumOf = (symbol: string) => bookChecksum(levelsOf(symbol), instruments.get(symbol)!);

  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    asked,
    levelsOf,
    /** The first unanswered request that `matches`, once it has arrived. */
    async request(matches: (a: Asked) => boolean): Promise<Asked> {
      let found: Asked | undefined;
      const seen = () => JSON.stringify(asked.map(({ answer: _, ...request }) => request));
      const find = () => (found = asked.find((a) => !a.answered && matches(a))) !== undefined;
      await until(find, 5_000, () => `a request; have ${seen()}`);
      return found!;
    },
    setEpoch(next: number): void {
      epoch = next;
      io.emit('feed:status', { version: PROTOCOL_VERSION, epoch, status: 'live' });
    },
    snapshot(symbol: string, sid: number, seq: number, snapshotEpoch = epoch): SymbolSnapshot {
      return {
        symbol,
        epoch: snapshotEpoch,
        sid,
        seq,
        time: Date.now(),
        depth: 10,
        book: levelsOf(symbol),
        checksum: checksumOf(symbol),
        status: 'live',
        trades: [],
        candleIntervalMs: 60_000,
        candles: [],
        ticker: EMPTY_TICKER,
      };
    },
    ok(snapshots: SymbolSnapshot[], ackEpoch = epoch): SubscribeAck {
      return { ok: true, version: PROTOCOL_VERSION, epoch: ackEpoch, snapshots };
    },
    /** Changes the book (size 0 removes a level) and returns the update saying so; `corrupt` sends a wrong checksum. */
    update(
      symbol: string,
      sid: number,
      seq: number,
      change: { b?: Levels; a?: Levels },
      options: { trades?: number[]; corrupt?: boolean } = {},
    ): WireUpdate {
      const book = books.get(symbol)!;
      const extras: WireExtras = {};
      for (const key of ['b', 'a'] as const) {
        const levels = change[key];
        if (!levels) continue;
        const side = key === 'b' ? book.bids : book.asks;
        let previous = 0;
        extras[key] = levels.flatMap(([price, size]) => {
          if (size === 0) side.delete(price);
          else side.set(price, size);
          const delta = price - previous;
          previous = price;
          return [delta, size];
        });
      }
      if (extras.b || extras.a) extras.c = checksumOf(symbol) + (options.corrupt ? 1 : 0);
      return [sid, seq, ...(extras.c === undefined ? [] : [extras]), ...(options.trades ?? [])];
    },
    md(...updates: WireUpdate[]): void {
      io.emit('md', [Date.now(), ...updates]);
    },
  };
}

describe('the example against a scripted server', () => {
  it('retries refusals and timeouts, repairs gaps and mismatches, never mixes epochs or their stream ids', async () => {
    const server = await startScriptedServer();
    const trades: ExampleTrade[] = [];
    // Long enough that no request waits out its timeout while the script attends to another (except on purpose).
    const client = await connect(server.url, { timeoutMs: 1_500, onTrade: (t) => trades.push(t) });
    const [P, C] = [PENNY.symbol, COIN.symbol];
    const is = (event: Asked['event'], symbols: string[], reason?: ResyncReason) => (a: Asked) =>
      a.event === event && a.reason === reason && JSON.stringify(a.symbols) === JSON.stringify(symbols);
    const answer = async (matches: (a: Asked) => boolean, ack: SubscribeAck) =>
      (await server.request(matches)).answer(ack);
    const refusal = (code: ErrorCode): SubscribeAck => ({ ok: false, error: { code, message: `${code} (scripted)` } });
    const seqOf = (symbol: string) => client.books.get(symbol)?.seq;
    const expectBook = (symbol: string, seq: number) => {
      expect(seqOf(symbol)).toBe(seq);
      expect(example.levels(client.books.get(symbol)!)).toEqual(server.levelsOf(symbol));
    };

    // Epoch 1: PENNY is stream 0, COIN stream 1. The first answer is 'unavailable' (an edge still loading): asked
    // again.
    server.update(P, 0, 0, {
      b: [
        [1234560, 4],
        [1234550, 7],
      ],
      a: [[1234570, 2]],
    }); // the books to start from
    server.update(C, 1, 0, {
      b: [[6425000, 1]],
      a: [
        [6425100, 2500],
        [6425300, 10000],
      ],
    });
    await answer(is('subscribe', [P, C]), refusal('unavailable'));
    await answer(is('subscribe', [P, C]), server.ok([server.snapshot(P, 0, 10), server.snapshot(C, 1, 20)]));
    await until(
      () => client.books.size === 2,
      5_000,
      () => 'both snapshots',
    );

    // Updates in sequence apply; a duplicate is ignored; trades come out as exact decimals (tick 0.05, lot 1000).
    const next = server.update(
      P,
      0,
      11,
      {
        b: [
          [1234565, 1],
          [1234550, 0],
        ],
      },
      { trades: [-5, 1234567, 3, -1, 0, -2] },
    );
    server.md(next, server.update(C, 1, 21, { a: [[6425200, 5]] }), next);
    await until(
      () => seqOf(C) === 21,
      5_000,
      () => 'COIN at 21',
    );
    expectBook(P, 11);
    expectBook(C, 21);
    const printed = trades.map(({ side, price, size }) => `${side} ${size} @ ${price}`);
    expect(printed).toEqual(['buy 3000 @ 61728.35', 'sell 2000 @ 61728.35']);

    // A gap: COIN alone is resynced. That request goes unanswered, so it is asked again with reason 'timeout'; the
    // first one's late answer (an older snapshot) finds nobody waiting for it.
    server.md(server.update(C, 1, 23, { b: [[6424900, 123456]] }));
    const unanswered = await server.request(is('resync', [C], 'gap'));
    await answer(is('resync', [C], 'timeout'), server.ok([server.snapshot(C, 1, 23)]));
    await until(
      () => seqOf(C) === 23,
      5_000,
      () => 'COIN at 23',
    );
    unanswered.answer(server.ok([server.snapshot(C, 1, 22)]));
    // The next update, sent after that answer on the same connection, applies only if the old snapshot was ignored
    // (applied, it would have put COIN back at 22, and 24 would be a gap nobody answers).
    server.md(server.update(C, 1, 24, {}));
    await until(
      () => seqOf(C) === 24,
      5_000,
      () => 'COIN at 24, the late answer ignored',
    );

    // A wrong checksum: PENNY alone is resynced.
    server.md(server.update(P, 0, 12, { a: [[1234575, 9]] }, { corrupt: true }));
    await answer(is('resync', [P], 'checksum'), server.ok([server.snapshot(P, 0, 12)]));
    await until(
      () => seqOf(P) === 12,
      5_000,
      () => 'PENNY at 12',
    );
    expect(client.stats.mismatches).toBe(1);

    // Another gap in COIN, refused as 'unavailable'. While it waits to be retried the feed restarts (epoch 2) and
    // gives the stream ids out the other way round: every book is void, and PENNY (not already being asked for) is
    // asked for with reason 'epoch'. A late answer numbered in epoch 1 is of no use: it is asked for again.
    server.md(server.update(C, 1, 26, {}));
    await answer(is('resync', [C], 'gap'), refusal('unavailable'));
    server.setEpoch(2);
    await until(
      () => client.books.size === 0,
      5_000,
      () => 'every book voided',
    );
    await answer(is('resync', [P], 'epoch'), server.ok([server.snapshot(P, 0, 12, 1)], 1));
    await answer(is('resync', [P], 'epoch'), server.ok([server.snapshot(P, 1, 5)]));
    await until(
      () => seqOf(P) === 5,
      5_000,
      () => 'PENNY in epoch 2',
    );

    // Stream 0 is COIN's now. This update for it would fit PENNY's sequence and checksum exactly: a client that still
    // knew epoch 1's ids would take it as PENNY's. This one has forgotten them.
    const penny = server.levelsOf(P);
    server.md(server.update(P, 0, 6, { b: [[1234540, 1]] }));
    server.update(P, 0, 6, { b: [[1234540, 0]] }); // undone: the script's PENNY never had it
    await answer(is('resync', [C], 'gap'), server.ok([server.snapshot(C, 0, 6)]));
    await until(
      () => seqOf(C) === 6,
      5_000,
      () => 'COIN in epoch 2',
    );
    expect(example.levels(client.books.get(P)!)).toEqual(penny);

    server.md(server.update(C, 0, 7, { a: [[6425100, 0]] }), server.update(P, 1, 6, { a: [[1234580, 3]] }));
    await until(
      () => seqOf(P) === 6 && seqOf(C) === 7,
      5_000,
      () => 'both applied',
    );
    expectBook(P, 6);
    expectBook(C, 7);
    expect(client.feed).toEqual({ epoch: 2, status: 'live' });
    expect(client.stats).toMatchObject({ mismatches: 1, gaps: 2 });
    const reasons = server.asked.map((a) => a.reason ?? a.event);
    expect(reasons.slice(0, 7)).toEqual(['subscribe', 'subscribe', 'gap', 'timeout', 'checksum', 'gap', 'epoch']);
    // The second epoch request and COIN's retry each wait out a random backoff: either may come first.
    expect(reasons.slice(7).sort()).toEqual(['epoch', 'gap']);
  });
});
