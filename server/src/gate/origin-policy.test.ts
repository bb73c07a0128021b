import { describe, expect, it } from 'vitest';
import { normalizeOrigin, originRefusal } from './origin-policy.ts';

describe('originRefusal', () => {
  it('accepts a request without Origin (curl, a Node client)', () => {
    expect(originRefusal(undefined, '127.0.0.1:3000', [])).toBeUndefined();
  });

  it('accepts the same origin: the Origin names the host and port the request was sent to', () => {
    expect(originRefusal('http://127.0.0.1:3000', '127.0.0.1:3000', [])).toBeUndefined();
    expect(originRefusal('http://localhost', 'localhost:80', [])).toBeUndefined();
    expect(originRefusal('https://tickline.example', 'tickline.example', [])).toBeUndefined();
  });

  it('refuses another port or host of the same machine', () => {
    expect(originRefusal('http://127.0.0.1:3001', '127.0.0.1:3000', [])).toMatch(/not allowed/);
    expect(originRefusal('http://localhost:3000', '127.0.0.1:3000', [])).toMatch(/not allowed/);
  });

  it('refuses `null` and foreign origins, naming what may connect', () => {
    expect(originRefusal('null', '127.0.0.1:3000', [])).toBe('origin "null" is not allowed');
    expect(originRefusal('https://evil.example', '127.0.0.1:3000', ['https://a.example'])).toBe(
      'origin "https://evil.example" is not allowed (same origin only, or https://a.example)',
    );
  });

  it('accepts the listed origins', () => {
    expect(originRefusal('http://localhost:5173', '127.0.0.1:3000', ['http://localhost:5173'])).toBeUndefined();
  });

  it('refuses what is not an origin, and quotes it bounded', () => {
    expect(originRefusal('https://a.example/path', 'x', ['https://a.example'])).toMatch(/not allowed/);
    expect(originRefusal('file://x', 'x', [])).toMatch(/not allowed/);
    expect(originRefusal(`https://${'a'.repeat(500)}.example`, 'x', [])!.length).toBeLessThan(200);
  });
});

describe('normalizeOrigin', () => {
  it('gives the form browsers send', () => {
    expect(normalizeOrigin('HTTPS://A.example:443/')).toBe('https://a.example');
    expect(normalizeOrigin('http://localhost:5173')).toBe('http://localhost:5173');
  });

  it('rejects URLs with a path, other schemes and garbage', () => {
    expect(normalizeOrigin('https://a.example/app')).toBeUndefined();
    expect(normalizeOrigin('ws://a.example')).toBeUndefined();
    expect(normalizeOrigin('a.example')).toBeUndefined();
  });
});
