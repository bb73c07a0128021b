import { describe, expect, it } from 'vitest';
import { takeViewerToken, TOKEN_STORAGE_KEY, type TokenPlaces } from './viewer-token.ts';

function places(href: string, stored?: string) {
  const saved = new Map<string, string>(stored === undefined ? [] : [[TOKEN_STORAGE_KEY, stored]]);
  const replaced: string[] = [];
  const p: TokenPlaces = {
    location: { href },
    history: { state: { keep: 1 }, replaceState: (_data, _unused, url) => replaced.push(url) },
    storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) },
  };
  return { p, saved, replaced };
}

describe('takeViewerToken', () => {
  it('takes the token from the address, keeps it, and removes it from the address bar', () => {
    const { p, saved, replaced } = places('http://127.0.0.1:3000/?render=frame&token=s3cret#book');
    expect(takeViewerToken(p)).toBe('s3cret');
    expect(saved.get(TOKEN_STORAGE_KEY)).toBe('s3cret');
    expect(replaced).toEqual(['/?render=frame#book']);
  });

  it('uses the kept token when the address has none, and leaves the address alone', () => {
    const { p, replaced } = places('http://127.0.0.1:3000/', 'kept');
    expect(takeViewerToken(p)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('prefers a new token in the address over the kept one', () => {
    const { p, saved } = places('http://h/?token=new', 'old');
    expect(takeViewerToken(p)).toBe('new');
    expect(saved.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('has none when neither has one, and works without storage', () => {
    expect(takeViewerToken(places('http://h/').p)).toBeUndefined();
    const { p } = places('http://h/?token=t');
    expect(takeViewerToken({ ...p, storage: undefined })).toBe('t');
    const throwing: TokenPlaces = {
      ...p,
      storage: {
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => {
          throw new Error('denied');
        },
      },
    };
    expect(takeViewerToken({ ...throwing, location: { href: 'http://h/?token=t2' } })).toBe('t2');
    expect(takeViewerToken({ ...throwing, location: { href: 'http://h/' } })).toBeUndefined();
  });
});
