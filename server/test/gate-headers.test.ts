// Security headers on every kind of response, and 404 for missing files, against a real server serving a small
// dashboard build of its own (an index.html with an inline style, like the real one, and one asset).

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, type RawResponse } from './support/raw-http.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const INLINE_STYLE = 'html{background:#0b0e11}';
let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tickline-gate-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><style>${INLINE_STYLE}</style><script type="module" src="/assets/app.js"></script></head><body></body></html>`,
  );
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log("app");\n');
  server = await startTestServer({ staticDir: dir });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectSecurityHeaders(res: RawResponse): void {
  const csp = res.headers['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain(`'sha256-${createHash('sha256').update(INLINE_STYLE).digest('base64')}'`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['strict-transport-security']).toBeUndefined();
}

describe('security headers', () => {
  it('are on the page, an asset, the API, a refusal and an Engine.IO response', async () => {
    const page = await rawGet(`${server.url}/`);
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    const asset = await rawGet(`${server.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expectSecurityHeaders(asset);
    const api = await rawGet(`${server.url}/api/symbols`);
    expect(api.status).toBe(200);
    expectSecurityHeaders(api);
    expectSecurityHeaders(await rawGet(`${server.url}/api/symbols`, { origin: 'https://evil.example' }));
    const polling = await rawGet(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(200);
    expect(polling.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('missing files', () => {
  it('are 404, not the page with 200', async () => {
    for (const missing of ['/assets/gone-1234.js', '/assets/whatever', '/robots.txt', '/nested/logo.png']) {
      const res = await rawGet(`${server.url}${missing}`);
      expect(res.status, missing).toBe(404);
      expect(res.body).not.toContain('<!doctype html>');
      expectSecurityHeaders(res);
    }
  });

  it('leave every other path to the single-page app', async () => {
    const res = await rawGet(`${server.url}/some/view`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<!doctype html>');
  });
});
