// The symbol list from `GET /api/symbols`, checked before anything is built from it.

import { specProblem, type AssetClass, type SymbolSpec } from '@tickline/shared';

const ASSET_CLASSES: readonly string[] = ['crypto', 'equity', 'fx'] satisfies AssetClass[];
const STRING_FIELDS = ['symbol', 'name', 'base', 'quote', 'tickSize', 'lotSize'] as const;

/** The first reason `value` is not a usable SymbolSpec, or undefined when it is one. */
function invalidSpec(value: unknown, index: number): string | undefined {
  if (typeof value !== 'object' || value === null) return `symbols[${index}] is not an object`;
  const record = value as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    if (typeof record[field] !== 'string') return `symbols[${index}].${field} is not a string`;
  }
  if (typeof record.assetClass !== 'string' || !ASSET_CLASSES.includes(record.assetClass)) {
    return `symbols[${index}].assetClass is not one of ${ASSET_CLASSES.join(', ')}`;
  }
  for (const field of ['pricePrecision', 'sizePrecision'] as const) {
    if (typeof record[field] !== 'number') return `symbols[${index}].${field} is not a number`;
  }
  return specProblem(value as SymbolSpec);
}

/** Turns the parsed JSON body into specs, or throws an Error naming what is wrong with it. */
export function parseSymbolSpecs(body: unknown): SymbolSpec[] {
  if (!Array.isArray(body)) throw new Error('the symbol list is not an array');
  const specs: SymbolSpec[] = [];
  body.forEach((item: unknown, index) => {
    const problem = invalidSpec(item, index);
    if (problem) throw new Error(problem);
    specs.push(item as SymbolSpec);
  });
  if (specs.length === 0) throw new Error('the server offers no symbols');
  return specs;
}

/** Fetches and checks the symbol list; rejects with a message fit for the user when that fails. */
export async function loadSymbolSpecs(
  url = '/api/symbols',
  fetchJson: typeof fetch = fetch,
): Promise<SymbolSpec[]> {
  let response: Response;
  try {
    response = await fetchJson(url, { headers: { accept: 'application/json' } });
  } catch {
    throw new Error('The Tickline server is unreachable.');
  }
  if (!response.ok) throw new Error(`The Tickline server answered ${response.status} for ${url}.`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`The Tickline server sent something other than JSON for ${url}.`);
  }
  return parseSymbolSpecs(body);
}
