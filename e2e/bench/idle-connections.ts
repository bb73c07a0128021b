// Memory per idle connection: a server at rest, then with N connections that never subscribe, both after a forced
// GC; the difference over N. Socket.IO's own bookkeeping per socket (the engine's socket, the namespace's socket,
// its rooms and handshake) is most of it for a Socket.IO server; a raw ws server shows the transport's floor.

import { startServer } from './bench-processes.ts';
import { startLoadGenerator } from './load-pool.ts';
import { isRawWs, type ServerKind } from './server-kinds.ts';

export interface IdleConnectionsResult {
  kind: ServerKind;
  connections: number;
  /** JS heap used per connection, KB (after GC, both ends). */
  heapKbPerConnection: number;
  /** Resident memory per connection, KB: heap plus buffers and the kernel-facing side. */
  rssKbPerConnection: number;
  heapMbBefore: number;
  heapMbAfter: number;
}

interface Stats {
  heapUsedBytes: number;
  rssBytes: number;
  clients: number;
}

export async function runIdleConnections(
  kind: ServerKind,
  connections: number,
  log: (line: string) => void,
): Promise<IdleConnectionsResult> {
  const server = await startServer(kind, { symbols: 50, rate: 100, flushMs: 50 }, ['--expose-gc']);
  const lg = await startLoadGenerator();
  try {
    const settle = () => new Promise((r) => setTimeout(r, 1000));
    await settle();
    await server.call('gc', {});
    const before = await server.call<Stats>('gc', {});
    await lg.call('openIdle', { url: server.url, count: connections, rawWs: isRawWs(kind) }, 120_000);
    await settle();
    await server.call('gc', {});
    const after = await server.call<Stats>('gc', {});
    const kb = (bytes: number) => Math.round((bytes / connections / 1024) * 10) / 10;
    const result: IdleConnectionsResult = {
      kind,
      connections: after.clients,
      heapKbPerConnection: kb(after.heapUsedBytes - before.heapUsedBytes),
      rssKbPerConnection: kb(after.rssBytes - before.rssBytes),
      heapMbBefore: Math.round((before.heapUsedBytes / 2 ** 20) * 10) / 10,
      heapMbAfter: Math.round((after.heapUsedBytes / 2 ** 20) * 10) / 10,
    };
    log(
      `${kind}: ${result.connections} idle connections, ${result.heapKbPerConnection} KB heap and ${result.rssKbPerConnection} KB RSS each`,
    );
    return result;
  } finally {
    await lg.call('closeIdle', {}).catch(() => {});
    await Promise.allSettled([server.stop(), lg.stop()]);
  }
}
