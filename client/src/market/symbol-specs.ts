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

/** The server wants a viewer token the page does not have, or refused the one it has. */
export class ViewerTokenError extends Error {}

/**
 * Fetches and checks the symbol list; rejects with a message fit for the user when that fails. `token` is the viewer
 * token, sent as the Bearer header when the page has one.
 */
export async function loadSymbolSpecs(
  url = '/api/symbols',
  fetchJson: typeof fetch = fetch,
  token?: string,
): Promise<SymbolSpec[]> {
  let response: Response;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  try {
    response = await fetchJson(url, { headers });
  } catch {
    throw new Error('The Tickline server is unreachable.');
  }
  if (response.status === 401) {
    throw new ViewerTokenError(
      token === undefined
        ? 'This Tickline server needs a viewer token, and this page has none.'
        : 'This Tickline server needs a viewer token, and refused the one this page has.',
    );
  }
  if (response.status === 403)
    throw new Error(`The Tickline server refused this page (${await errorMessage(response)}).`);
  if (response.status === 429)
    throw new Error(`The Tickline server refused this page for now (${await errorMessage(response)}).`);
  if (!response.ok) throw new Error(`The Tickline server answered ${response.status} for ${url}.`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`The Tickline server sent something other than JSON for ${url}.`);
  }
  return parseSymbolSpecs(body);
}

/** The `error.message` of the API's JSON error body, or the status when there is none. */
async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // Not the API's JSON: the status says enough.
  }
  return `status ${response.status}`;
}
