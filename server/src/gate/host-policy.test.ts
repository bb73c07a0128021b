import { describe, expect, it } from 'vitest';
import { hostName, hostRefusal, type HostPolicy } from './host-policy.ts';

const policy = (allowed: HostPolicy['allowed'] = []): HostPolicy => ({ allowed, machine: 'Box-1' });

describe('hostRefusal', () => {
  it('accepts IP literals, localhost and its subdomains, and the machine name', () => {
    for (const host of ['127.0.0.1:3000', '10.0.0.5', '[::1]:3000', 'localhost:3000', 'app.localhost', 'box-1:3000']) {
      expect(hostRefusal(host, policy()), host).toBeUndefined();
    }
  });

  it('refuses any other name: a rebinding page sends its own', () => {
    expect(hostRefusal('evil.example:3000', policy())).toMatch(
      /"evil\.example:3000" is not one this server answers to/,
    );
    expect(hostRefusal('localhost.evil.example', policy())).toMatch(/not one/);
  });

  it('accepts listed names and wildcard subdomains, not the bare domain of a wildcard', () => {
    const p = policy(['tickline.example.org', '*.example.com']);
    expect(hostRefusal('tickline.example.org', p)).toBeUndefined();
    expect(hostRefusal('a.example.com:443', p)).toBeUndefined();
    expect(hostRefusal('b.a.example.com', p)).toBeUndefined();
    expect(hostRefusal('example.com', p)).toMatch(/not one/);
    expect(hostRefusal('badexample.com', p)).toMatch(/not one/);
  });

  it('refuses a missing or malformed Host, unless the check is off', () => {
    expect(hostRefusal(undefined, policy())).toBe('the request has no Host header');
    expect(hostRefusal('a b', policy())).toBe('the Host header is malformed');
    expect(hostRefusal('evil.example', policy('all'))).toBeUndefined();
    expect(hostRefusal(undefined, policy('all'))).toBeUndefined();
  });
});

describe('hostName', () => {
  it('drops the port and brackets, and lower-cases', () => {
    expect(hostName('Example.COM:8080')).toBe('example.com');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('example.com.')).toBe('example.com');
  });
});
