import { describe, expect, it } from 'vitest';
import { describeClient } from './admin-clients.ts';

describe('describeClient', () => {
  it('reads what the gate and the registry keep in the socket data', () => {
    const listing = describeClient({
      id: 's1',
      handshake: { address: '127.0.0.1' },
      data: { connectedAt: 1000, address: '203.0.113.9', transport: 'websocket', symbols: ['BTC-USD'] },
    });
    expect(listing).toEqual({
      id: 's1',
      address: '203.0.113.9',
      connectedAt: 1000,
      transport: 'websocket',
      symbols: ['BTC-USD'],
    });
  });

  it('falls back to the handshake address and says what it does not know', () => {
    expect(describeClient({ id: 's2', handshake: { address: '::1' }, data: {} })).toEqual({
      id: 's2',
      address: '::1',
      connectedAt: null,
      transport: null,
      symbols: [],
    });
  });
});
