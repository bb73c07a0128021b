// The one schema of a SymbolSpec. In zod's tree-shakable form because the browser checks the server's symbol list
// with it: the full zod API would add 24 kB (gzip) to the page, this adds 6 kB. The server's schemas, written
// with the full API, take these as they are.

import * as z from 'zod/mini';
import { specProblem, type SymbolSpec } from '../market/instrument.ts';

export const SYMBOL_NAME_MAX = 64;
export const SYMBOL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:._/-]*$/;
export const SYMBOL_NAME_RULE = 'symbol names use letters, digits and : . _ / -';

const symbolName = z
  .string()
  .check(z.minLength(1), z.maxLength(SYMBOL_NAME_MAX), z.regex(SYMBOL_NAME_PATTERN, SYMBOL_NAME_RULE));

/** A symbol's descriptor as servers exchange it (`GET /api/symbols`, a recording's header, a cluster's meta). */
export const symbolSpecSchema = z.object({
  symbol: symbolName,
  name: z.string(),
  assetClass: z.enum(['crypto', 'equity', 'fx']),
  base: z.string(),
  quote: z.string(),
  tickSize: z.string(),
  lotSize: z.string(),
  pricePrecision: z.int(),
  sizePrecision: z.int(),
  statsWindow: z.optional(z.enum(['24h', 'session'])),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<z.infer<typeof symbolSpecSchema>, SymbolSpec>;

// zod/mini carries no English messages (the full API loads them); these word the issues a spec can have.
const wordIssue = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return `not ${article(issue.expected)}`;
    case 'invalid_value':
      return `not one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return 'empty';
    case 'too_big':
      return `longer than ${issue.maximum} characters`;
    default:
      return undefined;
  }
};
const article = (type: string) => (type === 'int' ? 'an integer' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

export type SpecCheck = { ok: true; spec: SymbolSpec } | { ok: false; problem: string };

/**
 * Checks untrusted input against the schema, then its tick and lot (specProblem). The problem names the field
 * after `where`, e.g. `symbols[1].name: not a string`.
 */
export function checkSymbolSpec(value: unknown, where: string): SpecCheck {
  const parsed = z.safeParse(symbolSpecSchema, value, { error: wordIssue });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = [where, ...(issue?.path ?? []).map(String)].join('.');
    return { ok: false, problem: `${path}: ${issue?.message ?? 'not a symbol spec'}` };
  }
  const problem = specProblem(parsed.data);
  // specProblem's sentence names the symbol itself.
  return problem ? { ok: false, problem } : { ok: true, spec: parsed.data };
}
