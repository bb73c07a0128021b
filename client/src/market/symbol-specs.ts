// The symbol list from `GET /api/symbols`, checked before anything is built from it.

import { checkSymbolSpec, type SymbolSpec } from '@tickline/shared';

/** Turns the parsed JSON body into specs (each checked by the schema the server uses), or throws naming what is wrong. */
export function parseSymbolSpecs(body: unknown): SymbolSpec[] {
  if (!Array.isArray(body)) throw new Error('the symbol list is not an array');
  if (body.length === 0) throw new Error('the server offers no symbols');
  return body.map((item: unknown, index) => {
    const checked = checkSymbolSpec(item, `symbols[${index}]`);
    if (!checked.ok) throw new Error(checked.problem);
    return checked.spec;
  });
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
  try {
    return parseSymbolSpecs(body);
  } catch (error) {
    // Shown as is on the startup screen: say whose data it is before the detail.
    throw new Error(`The Tickline server sent a symbol list this page cannot use (${(error as Error).message}).`, {
      cause: error,
    });
  }
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
