import { afterEach, describe, expect, it } from 'vitest';
import { createMarketSocket, type MarketSocket } from './market-socket.ts';

const opened: MarketSocket[] = [];

afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

function socketTo(options: Parameters<typeof createMarketSocket>[1] = {}): MarketSocket {
  // forceNew: socket.io-client shares one manager per URL, and with it the options of the first socket.
  const socket = createMarketSocket('http://127.0.0.1:9', { autoConnect: false, forceNew: true, ...options });
  opened.push(socket);
  return socket;
}

describe('createMarketSocket', () => {
  it('speaks WebSocket only: polling would need sticky sessions, which a plain load balancer does not give', () => {
    expect(socketTo().io.opts.transports).toEqual(['websocket']);
  });

  it('takes the transports it is given', () => {
    expect(socketTo({ transports: ['polling', 'websocket'] }).io.opts.transports).toEqual(['polling', 'websocket']);
  });
});
