import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

const req = (remoteAddress: string, forwarded?: string | string[]) => ({
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  socket: { remoteAddress },
});

describe('clientAddress', () => {
  it('is the peer address, with IPv4-mapped IPv6 unwrapped', () => {
    expect(clientAddress(req('::ffff:127.0.0.1'), false)).toBe('127.0.0.1');
    expect(clientAddress(req('::1'), false)).toBe('::1');
  });

  it('ignores X-Forwarded-For unless the proxy is trusted: a client could name any address', () => {
    expect(clientAddress(req('10.0.0.1', '1.2.3.4'), false)).toBe('10.0.0.1');
  });

  it('behind a trusted proxy, takes the last X-Forwarded-For entry (the one the proxy added)', () => {
    expect(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.1', ['1.1.1.1', '203.0.113.7']), true)).toBe('203.0.113.7');
    expect(clientAddress(req('10.0.0.1'), true)).toBe('10.0.0.1');
  });
});
