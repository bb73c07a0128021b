// The fault proxy's own checks: its decisions are a function of the seed, pass-through relays everything in order,
// only Socket.IO EVENT/ACK frames are ever faulted, both ways, and each fault is counted under what it hit.

import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import {
  describeFrame,
  type FaultProxy,
  FaultPlan,
  type FaultRates,
  isFaultable,
  startFaultProxy,
} from './fault-proxy.ts';

const RATES: FaultRates = { drop: 0.1, duplicate: 0.1, delay: 0.1, kill: 0.01 };
const bytes = (s: string) => Buffer.from(s);

describe('FaultPlan', () => {
  it('draws the same faults for the same seed, and different ones for another seed', () => {
    const draw = (seed: number) => {
      const plan = new FaultPlan(seed, RATES);
      return Array.from({ length: 5000 }, () => plan.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('injects each fault at roughly its rate', () => {
    const plan = new FaultPlan(7, RATES, { min: 5, max: 9 });
    const seen: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) {
      const d = plan.next();
      seen[d.kind] = (seen[d.kind] ?? 0) + 1;
      if (d.kind === 'delay') expect(d.ms >= 5 && d.ms <= 9).toBe(true);
    }
    for (const kind of ['drop', 'duplicate', 'delay'] as const) {
      expect(seen[kind]! / 20_000).toBeGreaterThan(0.08);
      expect(seen[kind]! / 20_000).toBeLessThan(0.12);
    }
    expect(seen['kill']! / 20_000).toBeLessThan(0.02);
  });

  it('refuses rates that cannot be probabilities', () => {
    expect(() => new FaultPlan(1, { ...RATES, drop: 0.9 })).toThrow(RangeError);
    expect(() => new FaultPlan(1, { ...RATES, drop: -0.1 })).toThrow(RangeError);
  });
});

describe('isFaultable', () => {
  it('picks Socket.IO EVENT and ACK frames and leaves the control plane alone', () => {
    expect(isFaultable(bytes('42["market:update",{}]'))).toBe('event');
    expect(isFaultable(bytes('4312[{"ok":true}]'))).toBe('ack');
    expect(isFaultable(bytes('42/admin,["x"]'))).toBe('event');
    for (const control of ['0{"sid":"x"}', '2', '3', '40{"sid":"y"}', '41', '44{}', '6', '4']) {
      expect(isFaultable(bytes(control))).toBeUndefined();
    }
  });
});

describe('describeFrame', () => {
  it('reads the ack id and event name of requests, events and acks', () => {
    expect(describeFrame(bytes('42["md",[1,2]]'))).toEqual({ id: '', event: 'md' });
    expect(describeFrame(bytes('4217["resync",{"symbols":["A"]}]'))).toEqual({ id: '17', event: 'resync' });
    expect(describeFrame(bytes('42/admin,3["x"]'))).toEqual({ id: '3', event: 'x' });
    expect(describeFrame(bytes('4317[{"ok":true}]'))).toEqual({ id: '17' });
    expect(describeFrame(bytes('40'))).toBeUndefined();
  });
});

// A stand-in for the Socket.IO server: on connect it records the path and sends a script of frames.
interface ScriptServer {
  url: string;
  paths: string[];
  received: string[];
  closed: number;
  close(): Promise<void>;
}

async function scriptServer(script: string[]): Promise<ScriptServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const server: ScriptServer = {
    url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    paths: [],
    received: [],
    closed: 0,
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
  wss.on('connection', (socket, req) => {
    server.paths.push(req.url ?? '');
    socket.on('message', (data) => server.received.push(String(data)));
    socket.on('close', () => server.closed++);
    for (const frame of script) socket.send(frame);
  });
  return server;
}

interface Collected {
  frames: string[];
  closed: boolean;
}

/** Connects through the proxy and collects frames until `count` arrived or the socket closed. */
async function collect(url: string, count: number, send: string[] = []): Promise<Collected> {
  const ws = new WebSocket(url);
  const frames: string[] = [];
  return new Promise((resolve, reject) => {
    ws.on('open', () => send.forEach((s) => ws.send(s)));
    ws.on('message', (data) => {
      frames.push(String(data));
      if (frames.length === count) {
        ws.close();
        resolve({ frames, closed: false });
      }
    });
    ws.on('close', () => resolve({ frames, closed: true }));
    ws.on('error', reject);
  });
}

// An Engine.IO open, a namespace CONNECT, then 300 frames: EVENTs with a server ping every 50.
const SCRIPT = [
  '0{"sid":"s"}',
  '40{"sid":"n"}',
  ...Array.from({ length: 300 }, (_, i) => (i % 50 === 0 ? '2' : `42["u",${i}]`)),
];

let proxy: FaultProxy | undefined;
let upstream: ScriptServer | undefined;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  proxy = upstream = undefined;
});

describe('the fault proxy', () => {
  it('in pass-through relays every frame in order, both ways, on the same path and query', async () => {
    upstream = await scriptServer(SCRIPT);
    proxy = await startFaultProxy({ target: upstream.url, seed: 1, rates: RATES, enabled: false });
    const wsUrl = proxy.url.replace('http', 'ws') + '/socket.io/?EIO=4&transport=websocket';
    const { frames } = await collect(wsUrl, SCRIPT.length, ['40', '420["subscribe",{}]']);
    expect(frames).toEqual(SCRIPT);
    expect(upstream.paths).toEqual(['/socket.io/?EIO=4&transport=websocket']);
    await expect.poll(() => upstream!.received).toEqual(['40', '420["subscribe",{}]']);
    const counts = proxy.counts();
    expect(counts.faults).toEqual({ drop: 0, duplicate: 0, delay: 0, kill: 0 });
    expect(counts).toMatchObject({ connections: 1, serverFrames: SCRIPT.length, delivered: SCRIPT.length });
    expect(counts.faultable).toBe(SCRIPT.filter((f) => f.startsWith('42')).length);
  });

  it('delivers the same faulted stream for the same seed', async () => {
    upstream = await scriptServer([...SCRIPT, '41']);
    // The script ends with '41' (never faulted), so that is where a run stops, whatever was dropped before it.
    const untilEnd = async (seed: number) => {
      proxy = await startFaultProxy({ target: upstream!.url, seed, rates: { drop: 0.2, duplicate: 0.2 } });
      const ws = new WebSocket(proxy.url.replace('http', 'ws'));
      const frames: string[] = [];
      await new Promise<void>((resolve) =>
        ws.on('message', (d) => {
          frames.push(String(d));
          if (String(d) === '41') resolve();
        }),
      );
      ws.close();
      const counts = proxy.counts();
      await proxy.close();
      proxy = undefined;
      return { frames, counts };
    };
    const a = await untilEnd(5);
    const b = await untilEnd(5);
    const c = await untilEnd(6);
    expect(a.frames).toEqual(b.frames);
    expect(a.counts.faults).toEqual(b.counts.faults);
    expect(c.frames).not.toEqual(a.frames);
    expect(a.counts.faults.drop).toBeGreaterThan(0);
    expect(a.counts.faults.duplicate).toBeGreaterThan(0);
    // Control frames all arrive, in their places relative to each other.
    const control = (frames: string[]) => frames.filter((f) => !f.startsWith('42'));
    expect(control(a.frames)).toEqual(control([...SCRIPT, '41']));
    expect(a.frames.length).toBe(SCRIPT.length + 1 - a.counts.faults.drop + a.counts.faults.duplicate);
  });

  it('faults ACK frames too, counted apart, and never the control frames', async () => {
    const script = [
      '0{"sid":"s"}',
      '40{"sid":"n"}',
      '2',
      '430[{"ok":true}]',
      '42["u",1]',
      '431[{"ok":true}]',
      '2',
      '41',
    ];
    upstream = await scriptServer(script);
    proxy = await startFaultProxy({ target: upstream.url, seed: 4, rates: { drop: 1 } });
    const { frames } = await collect(proxy.url.replace('http', 'ws'), 5);
    expect(frames).toEqual(['0{"sid":"s"}', '40{"sid":"n"}', '2', '2', '41']);
    expect(proxy.counts()).toMatchObject({
      faultable: 3,
      faults: { drop: 3, duplicate: 0, delay: 0, kill: 0 },
      ackFaults: { drop: 2, duplicate: 0, delay: 0, kill: 0 },
    });
  });

  it('faults client requests by their own rates, per event, and names the request an ACK answered', async () => {
    // Answers every request with an ACK of the same id, as a Socket.IO server would.
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const received: string[] = [];
    wss.on('connection', (socket) => {
      socket.send('40{"sid":"n"}');
      socket.on('message', (data) => {
        received.push(String(data));
        const id = /^42(\d+)/.exec(String(data))?.[1];
        if (id) socket.send(`43${id}[{"ok":true}]`);
      });
    });
    const target = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    try {
      proxy = await startFaultProxy({
        target,
        seed: 2,
        rates: { drop: 1 },
        clientRates: { drop: 1 },
        clientRatesByEvent: { subscribe: { duplicate: 1 } },
      });
      const requests = ['420["subscribe",{}]', '421["resync",{}]', '422["ping",{}]', '40'];
      await collect(proxy.url.replace('http', 'ws'), 1, requests);
      // The subscribe went twice, the resync and ping never, the control frame untouched.
      await expect.poll(() => received).toEqual(['420["subscribe",{}]', '420["subscribe",{}]', '40']);
      await expect.poll(() => proxy!.counts().ackFaults.drop).toBe(2);
      expect(proxy.counts()).toMatchObject({
        clientFrames: 4,
        clientFaultable: 3,
        clientFaults: { drop: 2, duplicate: 1, delay: 0, kill: 0 },
        clientFaultsByEvent: {
          subscribe: { drop: 0, duplicate: 1, delay: 0, kill: 0 },
          resync: { drop: 1, duplicate: 0, delay: 0, kill: 0 },
          ping: { drop: 1, duplicate: 0, delay: 0, kill: 0 },
        },
        // Both answers to the doubled subscribe were dropped on the way back, and named for it.
        ackFaultsByRequest: { subscribe: { drop: 2, duplicate: 0, delay: 0, kill: 0 } },
      });
    } finally {
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  });

  it('delays reorder frames but lose none', async () => {
    upstream = await scriptServer(SCRIPT);
    const delayMs = { min: 5, max: 30 };
    proxy = await startFaultProxy({ target: upstream.url, seed: 3, rates: { delay: 0.3 }, delayMs });
    const { frames } = await collect(proxy.url.replace('http', 'ws'), SCRIPT.length);
    expect(frames).not.toEqual(SCRIPT);
    expect([...frames].sort()).toEqual([...SCRIPT].sort());
    expect(proxy.counts().faults.delay).toBeGreaterThan(0);
  });

  it('a kill closes both sides at once', async () => {
    upstream = await scriptServer(SCRIPT);
    proxy = await startFaultProxy({ target: upstream.url, seed: 9, rates: { kill: 1 } });
    const { frames, closed } = await collect(proxy.url.replace('http', 'ws'), SCRIPT.length);
    expect(closed).toBe(true);
    expect(frames).toEqual(SCRIPT.slice(0, 3)); // the handshake and a ping, then the first EVENT kills it
    await expect.poll(() => upstream!.closed).toBe(1);
    expect(proxy.counts().faults.kill).toBe(1);
  });

  it('forwards plain HTTP requests', async () => {
    const { createServer } = await import('node:http');
    const http = createServer((req, res) => res.end(`hello ${req.url}`));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    try {
      proxy = await startFaultProxy({ target: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, seed: 1 });
      expect(await (await fetch(`${proxy.url}/api/x?y=1`)).text()).toBe('hello /api/x?y=1');
    } finally {
      http.close();
    }
  });
});
