// Requests a browser or an attacker would send and fetch() cannot: any Host header, any Origin, a bare WebSocket
// handshake to Engine.IO. Used by the gate's tests to see exactly what the server answers.

import { get, type IncomingHttpHeaders, request } from 'node:http';
import WebSocket from 'ws';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** GET `url` with exactly these extra headers (`host` included, which fetch() would not let through). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

export type HandshakeResult = { upgraded: true } | { upgraded: false; status: number; body: string };

/** A bare Engine.IO WebSocket handshake to the server at `url` (http://host:port): upgraded, or refused with what. */
export function webSocketHandshake(url: string, headers: Record<string, string> = {}): Promise<HandshakeResult> {
  const target = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(target, { headers });
    ws.once('open', () => {
      ws.close();
      resolve({ upgraded: true });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ upgraded: false, status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ upgraded: false, status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

/** POST `body` (sent as given when a string, as JSON otherwise) to `url` with these extra headers. */
export function rawPost(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
      },
      (res) => {
        let out = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (out += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: out }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
