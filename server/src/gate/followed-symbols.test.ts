import { describe, expect, it } from 'vitest';
import type { TicklineSocket } from '../hub/socket-types.ts';
import { SocketDataRegistry } from './followed-symbols.ts';

describe('SocketDataRegistry', () => {
  it('keeps each socket’s followed symbols in its data', () => {
    const registry = new SocketDataRegistry();
    const socket = { data: {} } as TicklineSocket;
    registry.add(socket, ['BTC-USD', 'ETH-USD']);
    expect(socket.data.symbols).toEqual(['BTC-USD', 'ETH-USD']);
    registry.remove(socket, ['BTC-USD']);
    expect(socket.data.symbols).toEqual(['ETH-USD']);
    registry.removeAll(socket);
    expect(socket.data.symbols).toEqual([]);
    expect(registry.count('ETH-USD')).toBe(0);
  });
});
