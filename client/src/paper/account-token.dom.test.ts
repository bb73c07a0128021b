import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_TOKEN_KEY, accountTokens, type TokenStorage } from './account-token.ts';

afterEach(() => localStorage.clear());

const refusing: TokenStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

describe('the paper account token', () => {
  it('is absent until the server sends one, then kept for the next page', () => {
    expect(accountTokens().get()).toBeUndefined();
    accountTokens().set('acc-1');
    expect(localStorage.getItem(ACCOUNT_TOKEN_KEY)).toBe('acc-1');
    expect(accountTokens().get()).toBe('acc-1');
  });

  it('is replaced by the token of a new account', () => {
    const tokens = accountTokens();
    tokens.set('acc-1');
    tokens.set('acc-2');
    expect(tokens.get()).toBe('acc-2');
    expect(accountTokens().get()).toBe('acc-2');
  });

  it('lasts the page where storage throws or is missing', () => {
    for (const storage of [refusing, null]) {
      const tokens = accountTokens(storage);
      expect(tokens.get()).toBeUndefined();
      tokens.set('acc-3');
      expect(tokens.get()).toBe('acc-3');
    }
  });
});
