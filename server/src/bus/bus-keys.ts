// Where a cluster keeps its stream in Redis. Every key of a shard carries the shard's name as a hash tag ({...}), so
// a shard lives in one Redis Cluster slot: its multi-key scripts (an entry and the snapshots taken with it) stay
// atomic there, and shards spread over slots, so symbols can later be split across feed nodes, a shard each.
//
//   tickline:{<shard>}:md                 stream: one entry per flush (plus heartbeats and epoch starts)
//   tickline:{<shard>}:snapshots          hash: symbol -> "<id of the entry it is as of> <snapshot JSON>"
//   tickline:{<shard>}:meta               string: the epoch, the symbol specs and the capacities (JSON)
//   tickline:{<shard>}:lease              string: the epoch of the feed node that owns the shard, with a TTL
//   tickline:{<shard>}:commands           stream: requests for the feed node (command path)
//   tickline:{<shard>}:replies:<node id>  pub/sub channel: the feed node's replies to one edge

export interface BusKeys {
  readonly shard: string;
  readonly stream: string;
  readonly snapshots: string;
  readonly meta: string;
  readonly lease: string;
  readonly commands: string;
  replies(nodeId: string): string;
}

/** The one shard there is today; a feed node per shard is the way to split symbols later (docs/SCALING.md). */
export const DEFAULT_SHARD = 'main';

/** Prefix of the Socket.IO Redis adapter's channels (cross-node broadcasts). */
export const ADAPTER_KEY = 'tickline:io';

export function busKeys(shard: string = DEFAULT_SHARD): BusKeys {
  if (!/^[A-Za-z0-9_-]+$/.test(shard)) throw new RangeError(`shard names use letters, digits, _ and -: ${shard}`);
  const prefix = `tickline:{${shard}}`;
  return {
    shard,
    stream: `${prefix}:md`,
    snapshots: `${prefix}:snapshots`,
    meta: `${prefix}:meta`,
    lease: `${prefix}:lease`,
    commands: `${prefix}:commands`,
    replies: (nodeId) => `${prefix}:replies:${nodeId}`,
  };
}
