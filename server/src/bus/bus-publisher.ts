// The feed node's side of the bus: each flush becomes one entry of the shard's stream, and every few seconds (and on
// demand) each symbol's snapshot, if it moved, is stored beside it, tagged with the entry it is as of, so that an edge that
// (re)loads a symbol knows exactly from which entry to continue. Heartbeats keep the stream moving when the market
// is quiet, so edges can tell a quiet market from a dead feed node.
//
// Writes go out in order on one connection. While Redis is unreachable nothing queues: flushes are dropped (the
// edges will see the gap and resync), and once Redis is back the node republishes its meta and every snapshot.

import { type Epoch, type SymbolSnapshot, type WireUpdate } from '@tickline/shared';
import type { Redis } from 'ioredis';
import { LogThrottle } from '../feeds/kit/log-throttle.ts';
import type { PublishedUpdate } from '../hub/fan-out.ts';
import type { Logger } from '../logger.ts';
import type { BusKeys } from './bus-keys.ts';
import { type EntryKind, entryFields, type ShardMeta, snapshotRecordValue } from './bus-records.ts';
import { whenReady } from './redis-connection.ts';

export interface BusPublisherOptions {
  /** Its own connection, created with `queueWhileDisconnected: false`. */
  redis: Redis;
  keys: BusKeys;
  meta: ShardMeta;
  /** The hub's published state (the feed node's own snapshots). */
  snapshot: (symbol: string, time: number) => SymbolSnapshot | undefined;
  /** The symbol's current sequence number: a snapshot is stored again only when it moved. */
  sequence: (symbol: string) => number | undefined;
  clock: () => number;
  logger: Logger;
  /** Entries the stream keeps (MAXLEN ~): an edge further behind than this reloads from snapshots. */
  maxLen: number;
  /** How often every snapshot is stored again. */
  snapshotEveryMs: number;
  /** How long the node's hold on the shard lasts without renewal (a killed node's successor waits this long). */
  leaseMs: number;
  /** Another feed node took the shard: this one must stop publishing (two sequencers would corrupt the stream). */
  onLeaseLost: (holder: string | null) => void;
}

export interface PublisherStats {
  entries: number;
  updates: number;
  /** Bytes of entry fields written (the bus's cost per update is this over `updates`). */
  bytes: number;
  snapshots: number;
  heartbeats: number;
  /** Flushes that could not be written (Redis unreachable); the edges resync past them. */
  dropped: number;
  republished: number;
}

export interface BusPublisher {
  /** Waits for Redis and the shard's lease, then starts the epoch: meta, an epoch-start entry, every snapshot. */
  start(): Promise<void>;
  /** One flush (the flush loop's sink). */
  publish(time: number, updates: readonly PublishedUpdate[]): void;
  /** Stores these symbols' snapshots now, after everything published so far; resolves with where they stand. */
  refresh(symbols: readonly string[]): Promise<{ symbol: string; seq: number; entryId: string }[]>;
  readonly stats: PublisherStats;
  /** Stores final snapshots (so edges keep the freshest state), releases the lease, stops the timers. */
  stop(): Promise<void>;
}

// One atomic step: append the entry, then (a new epoch) drop the old snapshots, (re)write the meta, and store each
// snapshot with the new entry's id in front of it. Atomic, because an edge that reads a snapshot must find the
// entry it names already in the stream, and an edge that sees an epoch's first entry must find its snapshots.
const PUBLISH_SCRIPT = `
local n = tonumber(ARGV[4])
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, 5, 4 + n))
if ARGV[3] == '1' then redis.call('DEL', KEYS[2]) end
if ARGV[2] ~= '' then redis.call('SET', KEYS[3], ARGV[2]) end
for i = 5 + n, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], id .. ' ' .. ARGV[i + 1]) end
return id`;

// Renews the lease if it is ours (or takes it again if it is gone: a restarted Redis); 0 if another node holds it.
const RENEW_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] or not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface ScriptingRedis extends Redis {
  tlPublish(...args: (string | number)[]): Promise<string>;
  tlRenewLease(key: string, holder: string, ms: number): Promise<number>;
  tlReleaseLease(key: string, holder: string): Promise<number>;
}

export function createBusPublisher(options: BusPublisherOptions): BusPublisher {
  const { keys, meta, clock, logger: log } = options;
  const redis = options.redis as ScriptingRedis;
  redis.defineCommand('tlPublish', { numberOfKeys: 3, lua: PUBLISH_SCRIPT });
  redis.defineCommand('tlRenewLease', { numberOfKeys: 1, lua: RENEW_SCRIPT });
  redis.defineCommand('tlReleaseLease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  const epoch: Epoch = meta.epoch;
  const holder = String(epoch);
  const symbols = meta.specs.map((s) => s.symbol);
  const stats: PublisherStats = {
    entries: 0,
    updates: 0,
    bytes: 0,
    snapshots: 0,
    heartbeats: 0,
    dropped: 0,
    republished: 0,
  };
  const throttle = new LogThrottle((line) => log.warn(line), clock);
  let started = false;
  let stopped = false;
  let lastSnapshotsAt = 0;
  let wroteSinceBeat = false;
  /** Set when a write failed or the connection came back: the next write republishes meta and snapshots. */
  let republish = false;
  const timers: ReturnType<typeof setInterval>[] = [];

  /** The seq of each symbol's last stored snapshot: a symbol that has not moved since needs no new one. */
  const storedSeq = new Map<string, number>();
  const snapshotArgs = (which: readonly string[], time: number): string[] => {
    const args: string[] = [];
    for (const symbol of which) {
      const snap = options.snapshot(symbol, time);
      if (!snap) continue;
      args.push(symbol, snapshotRecordValue(snap));
      storedSeq.set(symbol, snap.seq);
    }
    return args;
  };
  const changedSinceStored = (): string[] => symbols.filter((s) => options.sequence(s) !== storedSeq.get(s));

  /** Writes one entry, with snapshots (and the meta) when asked; never throws, resolves with the id or null. */
  const write = (
    kind: EntryKind,
    time: number,
    wires: readonly WireUpdate[],
    withSnapshots: readonly string[] | null,
    flags: { meta?: boolean; newEpoch?: boolean } = {},
  ): Promise<string | null> => {
    if (redis.status !== 'ready') {
      // Nothing queues while Redis is away: the edges resync past the hole from what we republish on return.
      if (kind === 'data') stats.dropped++;
      republish = true;
      return Promise.resolve(null);
    }
    const fields = entryFields(epoch, time, kind, wires);
    let bytes = 0;
    for (const f of fields) bytes += f.length;
    stats.entries++;
    stats.updates += wires.length;
    stats.bytes += bytes;
    wroteSinceBeat = true;
    let pending: Promise<string>;
    if (withSnapshots || flags.meta) {
      const snaps = withSnapshots ? snapshotArgs(withSnapshots, time) : [];
      stats.snapshots += snaps.length / 2;
      const metaJson = flags.meta ? JSON.stringify(meta) : '';
      pending = redis.tlPublish(
        keys.stream,
        keys.snapshots,
        keys.meta,
        options.maxLen,
        metaJson,
        flags.newEpoch ? '1' : '0',
        fields.length,
        ...fields,
        ...snaps,
      );
    } else {
      pending = redis.xadd(keys.stream, 'MAXLEN', '~', options.maxLen, '*', ...fields) as Promise<string>;
    }
    return pending.then(
      (id) => id,
      (err: unknown) => {
        if (kind === 'data') stats.dropped++;
        republish = true;
        throttle.log(`publishing to the bus failed: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      },
    );
  };

  const takeLease = async (): Promise<void> => {
    let waitingSaid = false;
    while (!stopped) {
      const ok = await redis.set(keys.lease, holder, 'PX', options.leaseMs, 'NX').catch(() => null);
      if (ok === 'OK') return;
      const current = await redis.get(keys.lease).catch(() => null);
      if (!waitingSaid) {
        log.warn(
          `shard ${keys.shard} is held by the feed node of epoch ${current ?? '?'}; waiting for its lease (${options.leaseMs} ms)`,
        );
        waitingSaid = true;
      }
      await new Promise((r) => setTimeout(r, Math.max(50, options.leaseMs / 4)));
    }
  };

  const renewLease = (): void => {
    if (redis.status !== 'ready') return;
    redis.tlRenewLease(keys.lease, holder, options.leaseMs).then(
      (ok) => {
        if (ok === 1 || stopped) return;
        stopped = true;
        void redis.get(keys.lease).then(
          (h) => options.onLeaseLost(h),
          () => options.onLeaseLost(null),
        );
      },
      () => {}, // unreachable Redis: renewed once it is back (or taken again, if it restarted empty)
    );
  };

  const heartbeat = (): void => {
    if (!wroteSinceBeat || republish) {
      stats.heartbeats++;
      // A heartbeat is also how meta and snapshots go out again after an outage, when no flush has changes.
      void write('beat', clock(), [], republish ? symbols : null, { meta: republish }).then((id) => {
        if (id) republish = false;
      });
    }
    wroteSinceBeat = false;
  };

  return {
    stats,
    async start() {
      await whenReady(redis);
      await takeLease();
      if (stopped) return;
      // The snapshots are taken as this call is made; every flush from here on goes out after them, in order.
      const written = write('start', clock(), [], symbols, { meta: true, newEpoch: true });
      started = true;
      lastSnapshotsAt = clock();
      if (!(await written)) throw new Error('could not write the epoch start to Redis');
      redis.on('ready', () => {
        republish = true;
      });
      timers.push(setInterval(heartbeat, meta.heartbeatMs));
      timers.push(setInterval(renewLease, Math.max(50, Math.floor(options.leaseMs / 3))));
      log.info(`publishing shard ${keys.shard}, epoch ${epoch}, ${symbols.length} symbols`);
    },
    publish(time, updates) {
      if (!started || stopped || updates.length === 0) return;
      const wires = updates.map(([, wire]) => wire);
      const due = republish || time - lastSnapshotsAt >= options.snapshotEveryMs;
      if (due) lastSnapshotsAt = time;
      const meta = republish;
      // After an outage Redis may have lost everything: every snapshot then; otherwise those that moved.
      const which = !due ? null : republish ? symbols : changedSinceStored();
      void write('data', time, wires, which, { meta }).then((id) => {
        if (id && meta) {
          stats.republished++;
          republish = false;
        }
      });
    },
    async refresh(which) {
      const time = clock();
      const id = await write('beat', time, [], which);
      if (!id) throw new Error('Redis is unreachable');
      return which.map((symbol) => ({ symbol, seq: options.snapshot(symbol, time)?.seq ?? -1, entryId: id }));
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      if (started && !stopped && redis.status === 'ready') {
        await write('beat', clock(), [], symbols);
        await redis.tlReleaseLease(keys.lease, holder).catch(() => 0);
      }
      stopped = true;
    },
  };
}
