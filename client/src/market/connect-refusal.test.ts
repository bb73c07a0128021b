import { describe, expect, it } from 'vitest';
import { refusalMessage } from './connect-refusal.ts';

const refused = (message: string, data?: unknown) => Object.assign(new Error(message), { data });

describe('refusalMessage', () => {
  it('explains a refused viewer token', () => {
    expect(refusalMessage(refused('wrong viewer token: ...', { code: 'unauthorized' }))).toBe(
      'This Tickline server needs a viewer token, and refused the one this page has (wrong viewer token: ...).',
    );
  });

  it('explains a refusal for too many wrong tokens', () => {
    expect(
      refusalMessage(refused('too many wrong tokens from this address; retry in 42 s', { code: 'rate_limited' })),
    ).toMatch(/refused this page for now: too many wrong tokens/);
  });

  it('leaves ordinary connection errors to the status bar', () => {
    expect(refusalMessage(refused('websocket error'))).toBeUndefined();
    expect(refusalMessage(refused('xhr poll error', 'not an object'))).toBeUndefined();
  });
});
