import { describe, expect, it } from 'vitest';
import { compareStreamIds, isStreamId } from './stream-ids.ts';

describe('compareStreamIds', () => {
  it('orders ids by time, then by sequence, as numbers', () => {
    const ids = ['10-0', '9-5', '9-10', '0-0', '10-1'];
    expect([...ids].sort(compareStreamIds)).toEqual(['0-0', '9-5', '9-10', '10-0', '10-1']);
    expect(compareStreamIds('5-2', '5-2')).toBe(0);
  });

  it('knows an id when it sees one', () => {
    expect(isStreamId('1764000000000-3')).toBe(true);
    expect(isStreamId('$')).toBe(false);
    expect(isStreamId('12')).toBe(false);
  });
});
