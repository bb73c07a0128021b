// Socket.IO's packet encoder with one fast path: an `md` batch is written by joining the JSON of its updates, each
// serialized once per flush however many clients get it. A symbol followed by a thousand clients is encoded once,
// as with a room broadcast, while every client still gets a single message carrying all of its symbols.
//
// Acks get the same treatment one level down: a snapshot served from the cache (snapshot-cache.ts) carries its JSON,
// so a hundred clients asking for the same symbol's state cost one serialization, not a hundred.
//
// The output is byte for byte what the standard encoder produces (`2["md",[time,...]]`, `3<id>[{...}]`), so clients
// use the standard Socket.IO parser; every other packet goes through the standard encoder unchanged.
//
// The decoder is the standard one with binary refused: the protocol has no binary payloads, and a packet announcing
// attachments would have the server hold whatever arrives until the last one does.

import { Decoder, Encoder, type Packet, PacketType, protocol } from 'socket.io-parser';

// An update object is built once per flush and shared by every batch that carries it; its JSON lives as long as it.
const encoded = new WeakMap<object, string>();

/**
 * Records the JSON `value` was parsed from, so the encoder writes those bytes instead of serializing it again: a
 * cluster edge forwards each update exactly as its bus carried it.
 */
export function rememberJson(value: object, json: string): void {
  encoded.set(value, json);
}

/** The JSON remembered for `value`, if any (a cached snapshot's). */
export function rememberedJson(value: object): string | undefined {
  return encoded.get(value);
}

/**
 * `JSON.stringify(value)` for plain data, reusing remembered JSON for any object met within `depth` levels: the ack
 * `[{ ok, version, epoch, snapshots: [s1, s2] }]` reaches its snapshots at depth 3.
 */
export function jsonReusing(value: unknown, depth: number): string {
  if (typeof value !== 'object' || value === null || depth <= 0) return JSON.stringify(value);
  const known = encoded.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    // JSON.stringify writes null for undefined and functions inside arrays.
    return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : jsonReusing(v, depth - 1))).join(',')}]`;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${jsonReusing(v, depth - 1)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The JSON of a shared wire value, serialized on first use. */
function jsonOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let json = encoded.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    encoded.set(value, json);
  }
  return json;
}

/**
 * The Socket.IO packet of an `md` batch, `2["md",[time,...updates]]`: the updates are `items` from `from` on (the
 * encoder passes the emitted array itself, the direct write its own list, so neither copies it).
 */
export function encodeBatchPacket(time: number, items: readonly unknown[], from = 0): string {
  let out = `${PacketType.EVENT}["md",[${JSON.stringify(time)}`;
  for (let i = from; i < items.length; i++) out += `,${jsonOf(items[i])}`;
  return `${out}]]`;
}

export class BatchEncoder extends Encoder {
  override encode(packet: Packet): string[] {
    const data: unknown = packet.data;
    if (
      packet.type === PacketType.EVENT &&
      packet.id === undefined &&
      (packet.nsp === '/' || !packet.nsp) &&
      Array.isArray(data) &&
      data.length === 2 &&
      data[0] === 'md' &&
      Array.isArray(data[1])
    ) {
      const batch = data[1] as unknown[];
      return [encodeBatchPacket(batch[0] as number, batch, 1)];
    }
    if (
      packet.type === PacketType.ACK &&
      Array.isArray(data) &&
      (packet.nsp === '/' || !packet.nsp) &&
      packet.id !== undefined
    ) {
      return [`${PacketType.ACK}${packet.id}${jsonReusing(data, 4)}`];
    }
    return super.encode(packet) as string[];
  }
}

/** The Socket.IO decoder with binary packets refused (Socket.IO closes the connection on a decoder error). */
export class TextOnlyDecoder extends Decoder {
  override add(chunk: unknown): void {
    const type = typeof chunk === 'string' ? Number(chunk[0]) : undefined;
    if (type === undefined || type === PacketType.BINARY_EVENT || type === PacketType.BINARY_ACK) {
      throw new Error('binary packets are not part of the Tickline protocol');
    }
    super.add(chunk);
  }
}

/** The `parser` option for `new Server(...)`: the fast encoder and the text-only decoder. */
export const batchParser = { protocol, Encoder: BatchEncoder, Decoder: TextOnlyDecoder };
