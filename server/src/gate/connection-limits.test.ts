import { describe, expect, it } from 'vitest';
import { ConnectionLimits } from './connection-limits.ts';

describe('ConnectionLimits', () => {
  it('admits up to the per-address cap, then refuses that address only', () => {
    const limits = new ConnectionLimits({ maxConnections: 10, maxPerAddress: 2 });
    limits.add('a');
    expect(limits.refusal('a')).toBeUndefined();
    limits.add('a');
    expect(limits.refusal('a')).toBe('too many connections from one address (at most 2)');
    expect(limits.refusal('b')).toBeUndefined();
  });

  it('refuses everyone at the total cap', () => {
    const limits = new ConnectionLimits({ maxConnections: 2, maxPerAddress: 5 });
    limits.add('a');
    limits.add('b');
    expect(limits.refusal('c')).toMatch(/server is full \(2 connections\)/);
    expect(limits.total).toBe(2);
  });

  it('frees a slot when a connection closes, and forgets idle addresses', () => {
    const limits = new ConnectionLimits({ maxConnections: 1, maxPerAddress: 1 });
    limits.add('a');
    limits.remove('a');
    expect(limits.refusal('a')).toBeUndefined();
    expect(limits.total).toBe(0);
    expect(limits.addresses).toBe(0);
  });

  it('ignores a close it never counted', () => {
    const limits = new ConnectionLimits({ maxConnections: 1, maxPerAddress: 1 });
    limits.remove('a');
    expect(limits.total).toBe(0);
  });
});
