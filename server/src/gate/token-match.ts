// Comparing a presented secret with the configured one without telling an attacker how close they came.

import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time: both sides are hashed first, so the comparison always runs over 32 bytes and neither the
 * position of the first difference nor the token's length shows in the time taken.
 */
export function tokenMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  return timingSafeEqual(digest(presented), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
