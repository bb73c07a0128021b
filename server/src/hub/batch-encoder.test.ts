import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { BatchEncoder, jsonReusing, rememberJson, TextOnlyDecoder } from './batch-encoder.ts';

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
      { type: PacketType.EVENT, nsp: '/', id: 4, data: ['md', [0]] },
      { type: PacketType.EVENT, nsp: '/admin', data: ['md', [0]] },
      { type: PacketType.EVENT, nsp: '/', data: ['other', [0]] },
      { type: PacketType.CONNECT, nsp: '/', data: { sid: 'x' } },
    ];
    for (const packet of packets) expect(fast.encode(packet)).toEqual(standard.encode(packet));
  });

  it('writes an ack exactly as the standard encoder does', () => {
    const acks = [
      [{ ok: true, version: 3, epoch: 'e1', snapshots: [{ symbol: 'A', seq: 1, book: { bids: [[1, 2]], asks: [] } }] }],
      [{ ok: false, error: { code: 'rate_limited', message: 'slow "down"', retryAfterMs: 5, missing: undefined } }],
      [{ ok: true, clientTime: 1.5, serverTime: 2 }],
      [],
    ];
    for (const data of acks) {
      const packet = { type: PacketType.ACK, nsp: '/', id: 12, data };
      expect(fast.encode(packet)).toEqual(standard.encode(packet));
    }
  });

  it('writes a remembered snapshot inside an ack with its remembered bytes', () => {
    const json = '{"symbol":"A", "seq":7}';
    const snapshot = JSON.parse(json) as object;
    rememberJson(snapshot, json);
    const [out] = fast.encode({ type: PacketType.ACK, nsp: '/', id: 1, data: [{ ok: true, snapshots: [snapshot] }] });
    expect(out).toBe(`31[{"ok":true,"snapshots":[${json}]}]`);
  });

  it('stringifies plain data like JSON.stringify', () => {
    const values = [
      { a: [1, undefined, () => 1], b: undefined, c: 'x\n"' },
      [null, true, 1e21, -0],
      'plain',
      3,
      { d: new Date(0) },
    ];
    for (const v of values) expect(jsonReusing(v, 5)).toBe(JSON.stringify(v));
  });
});

describe('TextOnlyDecoder', () => {
  it('decodes text packets as the standard decoder does', () => {
    const decoder = new TextOnlyDecoder();
    const got: unknown[] = [];
    decoder.on('decoded', (p: unknown) => got.push(p));
    decoder.add('20["subscribe",{"symbols":["A"]}]');
    expect(got).toEqual([{ type: PacketType.EVENT, nsp: '/', id: 0, data: ['subscribe', { symbols: ['A'] }] }]);
  });

  it('refuses a binary packet and any attachment', () => {
    const decoder = new TextOnlyDecoder();
    expect(() => decoder.add('51-["subscribe",{"_placeholder":true,"num":0}]')).toThrow(/binary/);
    expect(() => decoder.add('61-0[{"_placeholder":true,"num":0}]')).toThrow(/binary/);
    expect(() => decoder.add(new Uint8Array([1, 2]))).toThrow(/binary/);
  });
});
