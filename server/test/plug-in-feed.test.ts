// The README's adapter example is real: this test checks the README shows the file verbatim, then runs it.

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { makeInstrument, SymbolReplica } from '@tickline/shared';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type Application, createApplication } from '../src/roles/all.ts';
import { createCoinFlipFeed } from '../src/feeds/examples/coin-flip-feed.ts';
import { silentLogger } from '../src/logger.ts';
import { onUpdates, subscribeApplying, until } from './support/test-server.ts';

const EXAMPLE = new URL('../src/feeds/examples/coin-flip-feed.ts', import.meta.url);
const README = new URL('../../README.md', import.meta.url);

let app: Application | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('the README adapter example', () => {
  it('is shown in the README exactly as it is in the repository', () => {
    const readme = readFileSync(README, 'utf8');
    const section = readme.slice(readme.indexOf('## Plug in your own feed'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('runs behind a real server: a client sees its symbol move, every update verified', async () => {
    const feed = createCoinFlipFeed();
    app = createApplication({
      feeds: [feed],
      flushIntervalMs: 20,
      bookDepth: 10,
      tradeHistory: 20,
      candleIntervalMs: 1000,
      candleHistory: 10,
      maxTradesPerUpdate: 50,
      staleAfterMs: 5000,
      logger: silentLogger,
    });
    await app.start();
    await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    const client = io(url, { transports: ['websocket'], reconnection: false });
    try {
      const replica = new SymbolReplica('demo:COIN', { instrument: makeInstrument(feed.symbols[0]!) });
      const results: string[] = [];
      onUpdates(app!, client, (u) => results.push(replica.applyUpdate(u)));
      const ack = await subscribeApplying(client, ['demo:COIN'], (s) => replica.applySnapshot(s));
      expect(ack.ok).toBe(true);
      await until(() => replica.trades.size >= 5, 10_000, 'five trades');
      expect(results.every((r) => r === 'applied')).toBe(true);
      expect(replica.book.isCrossed()).toBe(false);
      expect(feed.health().status).toBe('live');
    } finally {
      client.disconnect();
    }
  }, 20_000);
});
