// A seeded fault injector in the transport between a Socket.IO server and its clients: a loopback HTTP/WebSocket
// proxy that drops, duplicates, delays (so reorders) frames both ways (the server's events and acks, the clients'
// requests) and kills whole connections.
//
// Clients connect to the proxy with `transports: ['websocket']`; for each client the proxy opens a WebSocket to the
// real server on the same path and query and relays frames both ways. Plain HTTP requests are forwarded untouched.

import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { deriveSeed, type Random, seededRandom } from './seeded-random.ts';

/** Probability per faultable frame of each fault; they are exclusive and their sum must be at most 1. */
export interface FaultRates {
  /** The frame is never delivered. */
  drop: number;
  /** The frame is delivered twice, back to back. */
  duplicate: number;
  /** The frame is held for a random `delayMs` while later frames pass it. */
  delay: number;
  /** Both sides of the connection are cut at once, without a WebSocket close handshake; the client reconnects. */
  kill: number;
}

export type FaultKind = keyof FaultRates;
export type FaultDecision = { kind: 'pass' } | { kind: 'drop' | 'duplicate' | 'kill' } | { kind: 'delay'; ms: number };

export interface FaultCounts {
  /** WebSocket connections opened through the proxy. */
  connections: number;
  /** Frames the server sent, of any kind. */
  serverFrames: number;
  /** Of those, Socket.IO EVENT and ACK frames, the ones that may be faulted. */
  faultable: number;
  /** Frames written to clients (a duplicate counts twice, a drop not at all). */
  delivered: number;
  /** Frames clients sent, of any kind. */
  clientFrames: number;
  /** Of those, Socket.IO EVENT and ACK frames (the requests), the ones `clientRates` may fault. */
  clientFaultable: number;
  /** Faults on server->client frames. */
  faults: Record<FaultKind, number>;
  /** The faults that hit ACK frames (answers to requests), a subset of `faults`. */
  ackFaults: Record<FaultKind, number>;
  /** Of `ackFaults`, by the event of the request answered (`subscribe`, `resync`, `ping`, ...). */
  ackFaultsByRequest: Record<string, Record<FaultKind, number>>;
  /** Of `faults` on EVENT frames, by event name (`md`, `feed:status`, ...). */
  faultsByEvent: Record<string, Record<FaultKind, number>>;
  /** Faults on client->server frames. */
  clientFaults: Record<FaultKind, number>;
  /** Of `clientFaults`, by event name (`subscribe`, `resync`, `ping`, ...). */
  clientFaultsByEvent: Record<string, Record<FaultKind, number>>;
}

export interface FaultProxyOptions {
  /** The real server, `http://host:port`. */
  target: string;
  seed: number;
  /** Faults on server->client frames (default none). */
  rates?: Partial<FaultRates>;
  /** Faults on client->server frames (default none). */
  clientRates?: Partial<FaultRates>;
  /**
   * Client->server rates for particular events, instead of `clientRates`: `{ subscribe: { duplicate: 1 } }` doubles
   * every subscribe, a request sent too rarely (once per client) for a small rate to ever hit it.
   */
  clientRatesByEvent?: Record<string, Partial<FaultRates>>;
  /** Bounds of a delay, ms (default 2 to 40). */
  delayMs?: { min: number; max: number };
  /** Start with faults on (default) or as a pure pass-through. */
  enabled?: boolean;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: give this to clients instead of the server's URL. */
  readonly url: string;
  /** A copy of the counters so far. */
  counts(): FaultCounts;
  /** Turns fault injection on or off; off, every frame is relayed in order (frames already held still arrive). */
  setEnabled(enabled: boolean): void;
  /** Tears down every connection and stops listening. */
  close(): Promise<void>;
}

const DEFAULT_DELAY = { min: 2, max: 40 };
const CHAR_4 = 0x34; // Engine.IO MESSAGE
const CHAR_2 = 0x32; // Socket.IO EVENT
const CHAR_3 = 0x33; // Socket.IO ACK

/**
 * Whether a frame is a Socket.IO EVENT (`42…`) or ACK (`43…`) inside an Engine.IO MESSAGE. Everything else is left
 * alone on purpose: Engine.IO open/ping/pong/close and the namespace CONNECT (`40`) are the session's control
 * plane, and losing one only produces a 20-45 s timeout (ping timeout, connect timeout), which a kill reproduces
 * in milliseconds; the data plane is where a client has to prove that it notices and repairs damage.
 */
export function isFaultable(frame: Uint8Array): 'event' | 'ack' | undefined {
  if (frame.length < 2 || frame[0] !== CHAR_4) return undefined;
  if (frame[1] === CHAR_2) return 'event';
  if (frame[1] === CHAR_3) return 'ack';
  return undefined;
}

// `42` or `43`, then an optional namespace (`/admin,`), an optional ack id, then the JSON array.
const PACKET = /^4[23](?:\/[^,[]*,)?(\d*)(?:\["((?:[^"\\]|\\.)*)")?/;

/** A faultable frame's ack id (`''` if none) and, for an EVENT, its event name. */
export function describeFrame(frame: Uint8Array): { id: string; event?: string } | undefined {
  const match = PACKET.exec(Buffer.from(frame.buffer, frame.byteOffset, Math.min(frame.length, 80)).toString('latin1'));
  if (!match) return undefined;
  return match[2] === undefined ? { id: match[1]! } : { id: match[1]!, event: match[2] };
}

/**
 * The fault decisions for one connection: the n-th faultable frame's fate is a pure function of the seed, n and the
 * rates. The proxy gives its k-th connection the seed `deriveSeed(seed, k)`, so a failing run's faults can be
 * replayed from its seed.
 */
export class FaultPlan {
  private readonly random: Random;

  constructor(
    seed: number,
    private readonly rates: FaultRates,
    private readonly delayMs = DEFAULT_DELAY,
  ) {
    const total = rates.drop + rates.duplicate + rates.delay + rates.kill;
    if (!(total <= 1) || Object.values(rates).some((r) => !(r >= 0))) {
      throw new RangeError(`fault rates must be non-negative and sum to at most 1, got ${JSON.stringify(rates)}`);
    }
    if (!(delayMs.min >= 0 && delayMs.max >= delayMs.min)) throw new RangeError('delayMs needs 0 <= min <= max');
    this.random = seededRandom(seed);
  }

  /** Draws the next frame's fate (one draw per frame, plus one for a delay's length). */
  next(): FaultDecision {
    const r = this.random();
    const { kill, drop, duplicate, delay } = this.rates;
    if (r < kill) return { kind: 'kill' };
    if (r < kill + drop) return { kind: 'drop' };
    if (r < kill + drop + duplicate) return { kind: 'duplicate' };
    if (r < kill + drop + duplicate + delay) {
      const { min, max } = this.delayMs;
      return { kind: 'delay', ms: min + Math.floor(this.random() * (max - min + 1)) };
    }
    return { kind: 'pass' };
  }
}

const zeroFaults = (): Record<FaultKind, number> => ({ drop: 0, duplicate: 0, delay: 0, kill: 0 });
const NO_FAULTS: FaultRates = { drop: 0, duplicate: 0, delay: 0, kill: 0 };

/** Adds one fault of `kind` to `table[key]`, creating the row. */
function countBy(table: Record<string, Record<FaultKind, number>>, key: string, kind: FaultKind): void {
  (table[key] ??= zeroFaults())[kind]++;
}

const copyTable = (table: Record<string, Record<FaultKind, number>>) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, { ...v }]));

interface Link {
  client: WebSocket;
  upstream: WebSocket;
  /** Server->client decisions. */
  plan: FaultPlan;
  /** Client->server decisions: the default plan, and one per event with rates of its own. */
  clientPlan: FaultPlan;
  eventPlans: Map<string, FaultPlan>;
  /** The event of each request by ack id, to name what an ACK answers. */
  requests: Map<string, string>;
  /** Set by a kill: frames the server had already sent in the same TCP read are lost with the connection. */
  dead: boolean;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const rates: FaultRates = { ...NO_FAULTS, ...options.rates };
  const clientRates: FaultRates = { ...NO_FAULTS, ...options.clientRates };
  const eventRates = Object.entries(options.clientRatesByEvent ?? {}).map(
    ([event, r]) => [event, { ...NO_FAULTS, ...r }] as const,
  );
  const delayMs = options.delayMs ?? DEFAULT_DELAY;
  // Validates the options before anything listens.
  for (const r of [rates, clientRates, ...eventRates.map(([, r]) => r)]) new FaultPlan(options.seed, r, delayMs);
  const target = new URL(options.target);
  const upstreamBase = `ws://${target.host}`;
  let enabled = options.enabled ?? true;
  let closing = false;
  const links = new Set<Link>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const counts: FaultCounts = {
    connections: 0,
    serverFrames: 0,
    faultable: 0,
    delivered: 0,
    clientFrames: 0,
    clientFaultable: 0,
    faults: zeroFaults(),
    ackFaults: zeroFaults(),
    ackFaultsByRequest: {},
    faultsByEvent: {},
    clientFaults: zeroFaults(),
    clientFaultsByEvent: {},
  };

  const http: Server = createServer((req, res) => forwardHttp(target, req, res));
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<Socket>();
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const kill = (link: Link): void => {
    link.dead = true;
    link.client.terminate();
    link.upstream.terminate();
  };

  const deliver = (link: Link, data: RawData, isBinary: boolean): void => {
    if (link.dead || link.client.readyState !== WebSocket.OPEN) return;
    link.client.send(data, { binary: isBinary });
    counts.delivered++;
  };

  /** Carries out `decision` on one frame, `send` being its way on. */
  const apply = (link: Link, decision: FaultDecision, send: () => void): void => {
    switch (decision.kind) {
      case 'pass':
        return send();
      case 'drop':
        return;
      case 'duplicate':
        send();
        return send();
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, decision.ms);
        timers.add(timer);
        return;
      }
      case 'kill':
        return kill(link);
    }
  };

  const fromServer = (link: Link, data: RawData, isBinary: boolean): void => {
    if (link.dead) return;
    counts.serverFrames++;
    const packet = isBinary || !Buffer.isBuffer(data) ? undefined : isFaultable(data);
    const send = () => deliver(link, data, isBinary);
    if (!packet) return send();
    counts.faultable++;
    if (!enabled) return send();
    const decision = link.plan.next();
    if (decision.kind !== 'pass') {
      counts.faults[decision.kind]++;
      const frame = describeFrame(data as Buffer);
      if (packet === 'ack') {
        counts.ackFaults[decision.kind]++;
        countBy(counts.ackFaultsByRequest, link.requests.get(frame?.id ?? '') ?? '(unknown)', decision.kind);
      } else {
        countBy(counts.faultsByEvent, frame?.event ?? '(unknown)', decision.kind);
      }
    }
    apply(link, decision, send);
  };

  const fromClient = (link: Link, data: RawData, isBinary: boolean, sendUp: () => void): void => {
    if (link.dead) return;
    counts.clientFrames++;
    const packet = isBinary || !Buffer.isBuffer(data) ? undefined : isFaultable(data);
    if (!packet) return sendUp();
    counts.clientFaultable++;
    const frame = describeFrame(data as Buffer);
    const event = frame?.event ?? (packet === 'ack' ? '(ack)' : '(unknown)');
    if (frame?.event !== undefined && frame.id !== '') link.requests.set(frame.id, frame.event);
    if (!enabled) return sendUp();
    const decision = (link.eventPlans.get(event) ?? link.clientPlan).next();
    if (decision.kind !== 'pass') {
      counts.clientFaults[decision.kind]++;
      countBy(counts.clientFaultsByEvent, event, decision.kind);
    }
    apply(link, decision, sendUp);
  };

  http.on('upgrade', (req, socket, head) => {
    if (closing) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (client) => {
      const index = counts.connections++;
      const upstream = new WebSocket(upstreamBase + (req.url ?? '/'), { perMessageDeflate: false });
      // Each connection (and each direction, and each event with rates of its own) draws from its own stream, so
      // its faults do not depend on how other clients, or the two directions, interleave.
      const seed = deriveSeed(options.seed, index);
      const link: Link = {
        client,
        upstream,
        plan: new FaultPlan(seed, rates, delayMs),
        clientPlan: new FaultPlan(deriveSeed(seed, 0), clientRates, delayMs),
        eventPlans: new Map(
          eventRates.map(([event, r], k) => [event, new FaultPlan(deriveSeed(seed, k + 1), r, delayMs)]),
        ),
        requests: new Map(),
        dead: false,
      };
      links.add(link);
      const pending: { data: RawData; isBinary: boolean }[] = [];
      const sendUp = (data: RawData, isBinary: boolean): void => {
        if (link.dead) return;
        if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
        else if (upstream.readyState === WebSocket.CONNECTING) pending.push({ data, isBinary });
      };

      client.on('message', (data, isBinary) => fromClient(link, data, isBinary, () => sendUp(data, isBinary)));
      upstream.on('open', () => {
        for (const { data, isBinary } of pending.splice(0)) upstream.send(data, { binary: isBinary });
      });
      upstream.on('message', (data, isBinary) => fromServer(link, data, isBinary));

      // One side gone means the session is gone: close the other side too (an error is a close that follows).
      const closeBoth = (): void => {
        links.delete(link);
        if (client.readyState === WebSocket.OPEN) client.close();
        else if (client.readyState === WebSocket.CONNECTING) client.terminate();
        if (upstream.readyState === WebSocket.OPEN) upstream.close();
        else if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
      };
      client.on('close', closeBoth);
      upstream.on('close', closeBoth);
      client.on('error', () => client.terminate());
      upstream.on('error', () => upstream.terminate());
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({
      ...counts,
      faults: { ...counts.faults },
      ackFaults: { ...counts.ackFaults },
      ackFaultsByRequest: copyTable(counts.ackFaultsByRequest),
      faultsByEvent: copyTable(counts.faultsByEvent),
      clientFaults: { ...counts.clientFaults },
      clientFaultsByEvent: copyTable(counts.clientFaultsByEvent),
    }),
    setEnabled(value) {
      enabled = value;
    },
    async close() {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const link of links) {
        link.client.terminate();
        link.upstream.terminate();
      }
      links.clear();
      wss.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Relays one plain HTTP request to the real server (the REST API, or Socket.IO polling if a client uses it). */
function forwardHttp(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}
