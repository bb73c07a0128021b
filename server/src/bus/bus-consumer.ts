// The edge's side of the bus: one loop that reads the shard's stream from the last entry it applied (XREAD BLOCK),
// checks each update against its replica (sequence and checksum), forwards what applied to this edge's clients,
// and reloads from snapshots whatever it cannot trust: a symbol with a gap or a mismatch, a corrupted entry, a
// stream trimmed past us, a restarted Redis, a new epoch. Everything runs in this one loop, in order, so an update
// is never applied to a replica that is being reloaded, and no update of a new epoch is forwarded before clients
// were told of the epoch.

import { backoffDelay, decodeUpdate, PROTOCOL_VERSION } from '@tickline/shared';
import type { Redis } from 'ioredis';
import { LogThrottle } from '../feeds/kit/log-throttle.ts';
import { rememberJson } from '../hub/batch-encoder.ts';
import type { Deliver, PublishedUpdate } from '../hub/fan-out.ts';
import type { Logger } from '../logger.ts';
import type { BusKeys } from './bus-keys.ts';
import {
  type BusEntry,
  parseEntry,
  parseMeta,
  parseSnapshotRecord,
  parseWireUpdate,
  type ShardMeta,
} from './bus-records.ts';
import type { CommandClient } from './command-path.ts';
import type { EdgeReplicas } from './edge-replicas.ts';
import { compareStreamIds } from './stream-ids.ts';

export interface BusConsumerOptions {
  /** Its own connection: it blocks in XREAD. */
  blocking: Redis;
  /** For snapshots, meta and replays. */
  redis: Redis;
  keys: BusKeys;
  replicas: EdgeReplicas;
  deliver: Deliver;
  commands: CommandClient;
  clock: () => number;
  logger: Logger;
  /** The feed node silent this long (no entry, not even a heartbeat): every symbol is stale. */
  staleAfterMs: number;
  /** A new epoch, or the feed heard again / gone silent: clients must be told. */
  onFeedState: (epoch: number, status: 'live' | 'stale') => void;
  /** Entries per XREAD. */
  batchSize?: number;
}

export interface ConsumerStats {
  entries: number;
  /** Bytes of entry fields read. */
  bytes: number;
  updatesApplied: number;
  duplicates: number;
  gaps: number;
  mismatches: number;
  /** Entries that could not be read, or came from an epoch that is not the shard's. */
  badEntries: number;
  badUpdates: number;
  unknownSids: number;
  /** Snapshots taken from Redis into a replica. */
  snapshotsLoaded: number;
  epochChanges: number;
  /** Milliseconds between the newest entry's flush and its arrival here (clock offsets included). */
  lagMs: number;
  cursor: string | null;
}

export interface BusConsumer {
  /** Resolves once the shard's meta and snapshots are loaded (waits for a feed node to publish them). */
  ready(): Promise<void>;
  readonly stats: ConsumerStats;
  stop(): Promise<void>;
}

type XReadReply = [string, [string, string[]][]][] | null;

class NotReady extends Error {}

/** Retry pacing for reloads that found nothing usable (no feed node yet, a snapshot not refreshed yet). */
const RELOAD_BACKOFF = { baseMs: 200, maxMs: 3000 };

export function startBusConsumer(options: BusConsumerOptions): BusConsumer {
  const { blocking, redis, keys, replicas, deliver, commands, clock, logger: log } = options;
  const batchSize = options.batchSize ?? 500;
  const stats: ConsumerStats = {
    entries: 0,
    bytes: 0,
    updatesApplied: 0,
    duplicates: 0,
    gaps: 0,
    mismatches: 0,
    badEntries: 0,
    badUpdates: 0,
    unknownSids: 0,
    snapshotsLoaded: 0,
    epochChanges: 0,
    lagMs: 0,
    cursor: null,
  };
  const throttle = new LogThrottle((line) => log.warn(line), clock);
  let stopped = false;
  let cursor: string | undefined;
  let loadAll = true;
  const suspect = new Set<string>();
  let reloadAttempts = 0;
  let nextReloadAt = 0;
  let feedStatus: 'live' | 'stale' = 'stale';
  let waitingSaid = false;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));

  // Every (re)connection may have found a restarted, empty Redis, or a stream trimmed past us: start from snapshots.
  const onReady = (): void => {
    loadAll = true;
  };
  redis.on('ready', onReady);

  const setFeed = (status: 'live' | 'stale'): void => {
    replicas.setFeedStale(status === 'stale');
    if (status === feedStatus) return;
    feedStatus = status;
    if (replicas.epoch >= 0) {
      log.info(
        status === 'live'
          ? 'the feed node is live'
          : `the feed node is silent for ${options.staleAfterMs} ms: serving stale`,
      );
      options.onFeedState(replicas.epoch, status);
    }
  };
  const watchdog = setInterval(
    () => {
      setFeed(replicas.silentFor(clock()) > options.staleAfterMs ? 'stale' : 'live');
    },
    Math.max(50, Math.min(250, Math.floor(options.staleAfterMs / 4))),
  );

  const readMeta = async (): Promise<ShardMeta | undefined> => {
    const raw = await redis.get(keys.meta);
    if (raw === null) return undefined;
    const meta = parseMeta(raw);
    if (typeof meta === 'string') {
      throttle.log(`shard ${keys.shard}: unreadable meta (${meta})`);
      return undefined;
    }
    if (meta.version !== PROTOCOL_VERSION) {
      throttle.log(`shard ${keys.shard}: the feed node speaks protocol ${meta.version}, this edge ${PROTOCOL_VERSION}`);
      return undefined;
    }
    return meta;
  };

  /** (Re)loads every symbol from the stored snapshots; a new epoch starts over. Reading resumes at the oldest. */
  const reloadAll = async (known?: ShardMeta): Promise<void> => {
    const meta = known ?? (await readMeta());
    if (!meta) throw new NotReady(`no feed node has published shard ${keys.shard} to Redis yet`);
    const newEpoch = meta.epoch !== replicas.epoch;
    if (newEpoch) {
      replicas.reset(meta);
      suspect.clear();
    }
    const stored = (await redis.hgetall(keys.snapshots)) as Record<string, string>;
    await refreshTrimmed(stored);
    let from: string | undefined;
    for (const symbol of replicas.symbols()) {
      const entryId = takeSnapshot(symbol, stored[symbol]);
      if (entryId === undefined) suspect.add(symbol);
      else if (from === undefined || compareStreamIds(entryId, from) < 0) from = entryId;
    }
    // Back to the oldest snapshot's entry: a replica already past it sees the entries in between as duplicates.
    cursor = from ?? cursor ?? '0-0';
    loadAll = false;
    if (newEpoch) {
      stats.epochChanges++;
      log.info(
        `epoch ${meta.epoch}: ${replicas.symbols().length} symbols from the feed node started at ${new Date(meta.startedAt).toISOString()}`,
      );
      // Clients first learn of the epoch, then get its snapshots and updates: never a number of two epochs mixed.
      options.onFeedState(meta.epoch, feedStatus);
    }
    if (waitingSaid) log.info(`shard ${keys.shard} loaded`);
    waitingSaid = false;
    resolveReady();
  };

  /**
   * Snapshots older than the stream's first entry (a stream trimmed past them: an edge started long after the
   * feed node stored them) cannot be continued from the stream: ask the feed node for fresh ones before using them.
   */
  const refreshTrimmed = async (stored: Record<string, string>): Promise<void> => {
    const first = ((await redis.xrange(keys.stream, '-', '+', 'COUNT', 1)) as [string, string[]][])[0]?.[0];
    if (first === undefined) return;
    const old = replicas.symbols().filter((symbol) => {
      const entryId = stored[symbol]?.slice(0, stored[symbol]!.indexOf(' '));
      return entryId !== undefined && compareStreamIds(entryId, first) < 0;
    });
    if (old.length === 0) return;
    const reply = await commands.request('snapshot:refresh', { symbols: old });
    if (!reply.ok) return; // no feed node to ask: the old snapshots are all there is (their gaps resync later)
    const fresh = (await redis.hmget(keys.snapshots, ...old)) as (string | null)[];
    old.forEach((symbol, i) => {
      const value = fresh[i];
      if (value) stored[symbol] = value;
    });
  };

  /** Offers one stored record to its replica; the entry id to read on from, or undefined when unusable. */
  const takeSnapshot = (symbol: string, raw: string | null | undefined): string | undefined => {
    if (raw === null || raw === undefined) return undefined;
    const record = parseSnapshotRecord(raw, symbol);
    if (typeof record === 'string') {
      throttle.log(`snapshot of ${symbol} on the bus is unusable: ${record}`);
      return undefined;
    }
    if (record.snapshot.epoch !== replicas.epoch) return undefined; // not refreshed for this epoch yet
    const result = replicas.offer(record.snapshot);
    if (result === 'mismatch') {
      throttle.log(`snapshot of ${symbol} on the bus fails its checksum`);
      return undefined;
    }
    if (result === 'applied') stats.snapshotsLoaded++;
    return record.entryId;
  };

  /** Reloads the suspect symbols: fresh snapshots from the feed node, then the entries after them replayed. */
  const reloadSuspects = async (): Promise<void> => {
    const symbols = [...suspect];
    suspect.clear();
    // Ask the feed node to store fresh snapshots first: ours may be missing, or older than the stream's trim point.
    if (feedStatus === 'live') await commands.request('snapshot:refresh', { symbols });
    const stored = (await redis.hmget(keys.snapshots, ...symbols)) as (string | null)[];
    const loaded = new Set<string>();
    let from: string | undefined;
    symbols.forEach((symbol, i) => {
      const entryId = takeSnapshot(symbol, stored[i]);
      if (entryId === undefined) return;
      loaded.add(symbol);
      if (from === undefined || compareStreamIds(entryId, from) < 0) from = entryId;
    });
    if (from !== undefined && cursor !== undefined && compareStreamIds(from, cursor) < 0)
      await replay(from, cursor, loaded);
    for (const symbol of symbols) if (!replicas.ready([symbol])) suspect.add(symbol);
    if (suspect.size > 0) {
      nextReloadAt = clock() + backoffDelay(reloadAttempts++, RELOAD_BACKOFF);
    } else {
      reloadAttempts = 0;
    }
  };

  /** Applies the updates of `only` in the entries after `from` up to `to` (inclusive), as they were first read. */
  const replay = async (from: string, to: string, only: ReadonlySet<string>): Promise<void> => {
    let start = `(${from}`;
    for (;;) {
      const page = (await redis.xrange(keys.stream, start, to, 'COUNT', batchSize)) as [string, string[]][];
      for (const [id, fields] of page) {
        const entry = parseEntry(fields);
        if (typeof entry !== 'string' && entry.epoch === replicas.epoch) applyEntry(entry, only);
        start = `(${id}`;
      }
      if (page.length < batchSize) return;
    }
  };

  /** Applies an entry's updates (of `only`, when given) and forwards to clients those that applied. */
  const applyEntry = (entry: BusEntry, only?: ReadonlySet<string>): void => {
    if (entry.kind !== 'data') return;
    const out: PublishedUpdate[] = [];
    for (const { sid, json } of entry.updates) {
      const symbol = replicas.symbolOf(sid);
      if (symbol === undefined) {
        stats.unknownSids++;
        throttle.log(`bus update for unknown stream id ${sid}: ignored`);
        continue;
      }
      if (only && !only.has(symbol)) continue;
      const wire = parseWireUpdate(json, sid);
      const update = wire && decodeUpdate(wire, symbol, entry.time);
      if (!wire || !update) {
        stats.badUpdates++;
        throttle.log(`corrupted bus update for ${symbol}: resyncing it`);
        suspect.add(symbol);
        continue;
      }
      const result = replicas.apply(symbol, update);
      if (result === 'applied') {
        stats.updatesApplied++;
        rememberJson(wire, json);
        out.push([symbol, wire]);
      } else if (result === 'duplicate') {
        stats.duplicates++;
      } else {
        // A gap, a checksum mismatch (never forwarded: a corrupted bus must not reach a client), or still loading.
        if (result === 'gap') stats.gaps++;
        if (result === 'mismatch') {
          stats.mismatches++;
          throttle.log(`bus update ${update.seq} of ${symbol} fails its checksum: resyncing it`);
        }
        suspect.add(symbol);
      }
    }
    if (out.length > 0) deliver(entry.time, out);
  };

  /** Works through one XREAD's entries; returns early when the epoch changed (reading restarts from snapshots). */
  const processEntries = async (entries: [string, string[]][]): Promise<void> => {
    const now = clock();
    for (const [id, fields] of entries) {
      cursor = id;
      stats.entries++;
      for (const f of fields) stats.bytes += f.length;
      const entry = parseEntry(fields);
      if (typeof entry === 'string') {
        stats.badEntries++;
        throttle.log(`corrupted bus entry ${id} (${entry}): resyncing every symbol`);
        for (const symbol of replicas.symbols()) suspect.add(symbol);
        continue;
      }
      stats.lagMs = now - entry.time;
      // Only a recent entry says the feed node is alive: one re-read after a reload may be a dead node's last words.
      // (So the nodes' clocks must agree to well within --stale-ms, as NTP keeps them.)
      if (stats.lagMs <= options.staleAfterMs) replicas.heard(now);
      if (entry.epoch !== replicas.epoch) {
        const meta = await readMeta();
        if (meta?.epoch === entry.epoch) {
          await reloadAll(meta);
          return;
        }
        stats.badEntries++;
        throttle.log(`bus entry ${id} is from epoch ${entry.epoch}, not the shard's ${meta?.epoch ?? '?'}: ignored`);
        for (const { sid } of entry.updates) {
          const symbol = replicas.symbolOf(sid);
          if (symbol !== undefined) suspect.add(symbol);
        }
        continue;
      }
      applyEntry(entry);
    }
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      try {
        if (loadAll) await reloadAll();
        if (suspect.size > 0 && clock() >= nextReloadAt) await reloadSuspects();
        replicas.wakeWaiters();
        const untilReload = suspect.size > 0 ? Math.max(1, nextReloadAt - clock()) : 1000;
        const reply = (await blocking.xread(
          'COUNT',
          batchSize,
          'BLOCK',
          Math.min(1000, untilReload),
          'STREAMS',
          keys.stream,
          cursor ?? '$',
        )) as XReadReply;
        if (reply?.[0]) await processEntries(reply[0][1]);
        stats.cursor = cursor ?? null;
        replicas.wakeWaiters();
        failures = 0;
      } catch (err) {
        if (stopped) return;
        if (err instanceof NotReady) {
          if (!waitingSaid) log.info(`waiting for the feed node: ${err.message}`);
          waitingSaid = true;
        } else {
          throttle.log(`reading the bus: ${err instanceof Error ? err.message : String(err)}`);
        }
        await new Promise((r) => setTimeout(r, backoffDelay(failures++, RELOAD_BACKOFF)));
      }
    }
  };
  const running = loop();

  return {
    ready: () => readyPromise,
    stats,
    async stop() {
      stopped = true;
      clearInterval(watchdog);
      redis.off('ready', onReady);
      replicas.releaseWaiters();
      blocking.disconnect();
      await running;
    },
  };
}
