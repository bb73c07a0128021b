// A well-behaved client in a process of its own, so what it measures is the server's doing and not the load of the
// process that drives the hostile clients: it follows every symbol and records the gap between consecutive `md`
// batches. Run as `node --import tsx e2e/support/gap-probe.ts <url>`; it prints one JSON line of figures when it
// gets SIGTERM (or stdin closes), then exits.

import { io } from 'socket.io-client';

const url = process.argv[2];
if (!url) throw new Error('usage: gap-probe <url>');

const gaps: number[] = [];
let last: number | undefined;
let batches = 0;
let disconnects = 0;
let subscribed = false;

const socket = io(url, { transports: ['websocket'] });
socket.on('connect', async () => {
  const symbols = (await (await fetch(`${url}/api/symbols`)).json()) as Array<{ symbol: string }>;
  const ack = (await socket.timeout(10_000).emitWithAck('subscribe', { symbols: symbols.map((s) => s.symbol) })) as {
    ok: boolean;
  };
  subscribed = ack.ok;
  last = undefined;
  process.stdout.write(`${JSON.stringify({ ready: subscribed })}\n`);
});
socket.on('disconnect', () => {
  disconnects++;
  last = undefined;
});
socket.on('md', () => {
  const now = performance.now();
  if (last !== undefined) gaps.push(now - last);
  last = now;
  batches++;
});

/** Starts measuring afresh (the test calls this once the attack begins). */
process.on('SIGUSR2', () => {
  gaps.length = 0;
  batches = 0;
  disconnects = 0;
});

const report = (): void => {
  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
  process.stdout.write(
    `${JSON.stringify({ batches, disconnects, subscribed, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? null })}\n`,
  );
  socket.close();
  process.exit(0);
};
process.on('SIGTERM', report);
process.stdin.on('close', report);
process.stdin.resume();
