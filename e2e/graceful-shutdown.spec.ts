// SIGTERM to a real server process: a connected client is told `server:shutdown` and disconnected from the
// server's side, the process exits with code 0 within 5 s, and everything it wrote to stdout is JSON log lines.
//
// The server is started as `node --import tsx server/src/main.ts` rather than through `npm start`: the signal,
// the exit code and stdout are then the server's own, not npm's (npm prints its own banner lines to stdout).

import { type ChildProcess, spawn } from 'node:child_process';
import type { ClientToServerEvents, ServerToClientEvents, ShutdownNotice } from '@tickline/shared';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT } from './support/tickline-process.ts';

let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('graceful shutdown', () => {
  it('SIGTERM tells connected clients, exits 0 within 5 s, and stdout is JSON lines', async () => {
    const port = await freePort();
    const server = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/main.ts', '--history-ms', '0', '--seed', '3'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = server;
    let stdout = '';
    let stderr = '';
    server.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      server.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    const url = `http://127.0.0.1:${port}`;
    await waitForReady(url, () => `${stdout}\n${stderr}`);

    const client: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const notices: ShutdownNotice[] = [];
    client.on('server:shutdown', (notice) => notices.push(notice));
    const disconnected = new Promise<string>((resolve) => client.once('disconnect', resolve));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    const ack = await client.timeout(5000).emitWithAck('subscribe', { symbols: ['AAPL'] });
    expect(ack.ok).toBe(true);

    const signalledAt = Date.now();
    server.kill('SIGTERM');
    const reason = await disconnected;
    const { code, signal, at } = await exited;
    client.close();

    expect(notices).toEqual([{ reason: 'server shutting down' }]);
    expect(reason).toBe('transport close'); // a Socket.IO client reconnects by itself after it
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(at - signalledAt).toBeLessThan(5000);
    const lines = stdout.split('\n').filter((l) => l !== '');
    const parsed = lines.map((line) => JSON.parse(line) as { level: number; msg: string; time: number });
    expect(
      parsed.every((l) => typeof l.level === 'number' && typeof l.time === 'number' && typeof l.msg === 'string'),
    ).toBe(true);
    expect(parsed.map((l) => l.msg)).toEqual(
      expect.arrayContaining([expect.stringMatching(/is live/), 'SIGTERM: shutting down', 'stopped']),
    );
  });
});

async function waitForReady(url: string, output: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child?.exitCode !== null) throw new Error(`the server exited early:\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}/readyz did not answer 200 within ${ms} ms:\n${output()}`);
}
