import { describe, expect, it } from 'vitest';
import { bearerToken, tokenMatches } from './token-match.ts';

describe('tokenMatches', () => {
  it('matches the same token only', () => {
    expect(tokenMatches('s3cret-token', 's3cret-token')).toBe(true);
    expect(tokenMatches('s3cret-tokeN', 's3cret-token')).toBe(false);
    expect(tokenMatches('s3cret', 's3cret-token')).toBe(false);
    expect(tokenMatches('', 's3cret-token')).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    expect(tokenMatches(undefined, 'x')).toBe(false);
    expect(tokenMatches(['x'], 'x')).toBe(false);
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc')).toBe('abc');
  });

  it('is undefined for other schemes or none', () => {
    expect(bearerToken('Basic YTpi')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
  });
});
