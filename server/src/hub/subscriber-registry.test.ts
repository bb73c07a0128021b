import { describe, expect, it } from 'vitest';
import { SubscriberRegistry } from './subscriber-registry.ts';

describe('SubscriberRegistry', () => {
  it('groups a flush per subscriber, in update order, leaving out symbols nobody follows', () => {
    const r = new SubscriberRegistry<string>();
    r.add('alice', ['A', 'B']);
    r.add('bob', ['B', 'C']);
    const grouped = r.group([
      ['C', 'c1'],
      ['A', 'a1'],
      ['D', 'd1'],
      ['B', 'b1'],
    ]);
    expect(Object.fromEntries(grouped)).toEqual({ bob: ['c1', 'b1'], alice: ['a1', 'b1'] });
  });

  it('forgets what a subscriber leaves, and all of it on removeAll', () => {
    const r = new SubscriberRegistry<string>();
    r.add('alice', ['A', 'B', 'A']);
    r.add('bob', ['A']);
    expect(r.count('A')).toBe(2);
    r.remove('alice', ['A', 'Z']);
    expect(r.symbolsOf('alice')).toEqual(['B']);
    expect(r.count('A')).toBe(1);
    r.removeAll('bob');
    expect(r.count('A')).toBe(0);
    expect(r.symbolsOf('bob')).toEqual([]);
    expect(r.group([['A', 1]]).size).toBe(0);
  });
});
