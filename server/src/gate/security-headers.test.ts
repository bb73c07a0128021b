import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { inlineStyleHashes, securityHeaders } from './security-headers.ts';

function headersFor(host: string, hashes: string[] = []): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  let called = false;
  securityHeaders(hashes)({ headers: { host } } as IncomingMessage, res, () => (called = true));
  expect(called).toBe(true);
  return headers;
}

describe('securityHeaders', () => {
  it('sends a CSP of the own origin, with the inline styles allowed by hash, and no framing', () => {
    const csp = headersFor('127.0.0.1:3000', ['sha256-abc'])['content-security-policy']!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'sha256-abc'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:3000 wss://127.0.0.1:3000");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toContain('unsafe-inline');
  });

  it('sends nosniff, no-referrer and DENY, and no HSTS', () => {
    const headers = headersFor('localhost:3000');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('leaves a malformed Host out of the policy', () => {
    const csp = headersFor('a b;script-src *')['content-security-policy']!;
    expect(csp).toMatch(/connect-src 'self' ?;/);
    expect(csp).not.toContain('script-src *');
  });
});

describe('inlineStyleHashes', () => {
  it('hashes the content of each inline style block', () => {
    const css = 'html{background:#0b0e11}';
    const expected = `sha256-${createHash('sha256').update(css).digest('base64')}`;
    expect(inlineStyleHashes(`<head><style>${css}</style><link rel="stylesheet"></head>`)).toEqual([expected]);
    expect(inlineStyleHashes('<p>no styles</p>')).toEqual([]);
  });
});
