import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { BatchEncoder, rememberJson } from './batch-encoder.ts';

const standard = new Encoder();
const fast = new BatchEncoder();

describe('BatchEncoder', () => {
  it('writes an md batch exactly as the standard encoder does', () => {
    const a = [3, 17, -12, 100_012, 5];
    const b = [4, 9, { b: [100, 2], c: 42, s: 'live' }, 0, 99, -1];
    for (const batch of [[1_764_000_000_000, a, b], [5], [7.5, a]]) {
      const packet = { type: PacketType.EVENT, nsp: '/', data: ['md', batch] };
      expect(fast.encode(packet)).toEqual(standard.encode(packet));
    }
  });

  it('serializes a shared update once, so a later change to it is not seen (updates are immutable once sent)', () => {
    const shared = [1, 1, 0, 10, 1];
    const first = fast.encode({ type: PacketType.EVENT, nsp: '/', data: ['md', [0, shared]] });
    shared[1] = 2;
    const second = fast.encode({ type: PacketType.EVENT, nsp: '/', data: ['md', [0, shared]] });
    expect(second).toEqual(first);
  });

  it('writes a forwarded update with the very bytes it arrived as', () => {
    const json = '[2, 5,  0,10,1]'; // spacing a serializer would not produce: proof the bytes are reused
    const wire = JSON.parse(json) as number[];
    rememberJson(wire, json);
    expect(fast.encode({ type: PacketType.EVENT, nsp: '/', data: ['md', [9, wire]] })).toEqual([`2["md",[9,${json}]]`]);
  });

  it('leaves every other packet to the standard encoder', () => {
    const packets = [
      { type: PacketType.ACK, nsp: '/', id: 3, data: [{ ok: true, snapshots: [] }] },
      { type: PacketType.EVENT, nsp: '/', id: 4, data: ['md', [0]] },
      { type: PacketType.EVENT, nsp: '/admin', data: ['md', [0]] },
      { type: PacketType.EVENT, nsp: '/', data: ['other', [0]] },
      { type: PacketType.CONNECT, nsp: '/', data: { sid: 'x' } },
    ];
    for (const packet of packets) expect(fast.encode(packet)).toEqual(standard.encode(packet));
  });
});
