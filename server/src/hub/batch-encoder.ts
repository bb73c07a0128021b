// Socket.IO's packet encoder with one fast path: an `md` batch is written by joining the JSON of its updates, each
// serialized once per flush however many clients get it. A symbol followed by a thousand clients is encoded once,
// as with a room broadcast, while every client still gets a single message carrying all of its symbols.
//
// The output is byte for byte what the standard encoder produces (`2["md",[time,...]]`), so clients use the standard
// Socket.IO parser; everything else (acks, snapshots, errors) goes through the standard encoder unchanged.

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
      let out = `${PacketType.EVENT}["md",[${JSON.stringify(batch[0])}`;
      for (let i = 1; i < batch.length; i++) out += `,${jsonOf(batch[i])}`;
      return [`${out}]]`];
    }
    return super.encode(packet) as string[];
  }
}

/** The `parser` option for `new Server(...)`: the fast encoder and the standard decoder. */
export const batchParser = { protocol, Encoder: BatchEncoder, Decoder };
