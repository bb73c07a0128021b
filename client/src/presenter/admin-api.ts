// The dashboard's side of the control surfaces: the admin token a presenter entered (kept for this tab's session
// only: an admin token left in a shared browser would outlive the talk) and the calls that need it.

import type { ReplayRequest, ReplayState, ResolvedScenario, ScenarioRequest } from '@tickline/shared';

export type AdminAnswer<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface TokenPlace {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'tickline:admin-token';

export const adminToken = {
  read: (place: TokenPlace): string | undefined => place.getItem(KEY) ?? undefined,
  keep: (place: TokenPlace, token: string): void => place.setItem(KEY, token),
  forget: (place: TokenPlace): void => place.removeItem(KEY),
};

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** What the server's error answer says, or a sentence about the failure when there is none to read. */
async function refusal(response: Response): Promise<{ ok: false; code: string; message: string }> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code && body.error.message)
      return { ok: false, code: body.error.code, message: body.error.message };
  } catch {
    // Not JSON (a proxy's page): fall through.
  }
  return { ok: false, code: 'http_' + response.status, message: `the server answered ${response.status}` };
}

async function call<T>(
  fetchFn: Fetch,
  url: string,
  init: RequestInit,
  read: (body: unknown) => T,
): Promise<AdminAnswer<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch {
    return { ok: false, code: 'network', message: 'the server could not be reached' };
  }
  if (!response.ok) return refusal(response);
  return { ok: true, value: read(await response.json()) };
}

/** Checks a token against a control surface that changes nothing (the client listing). */
export function checkAdminToken(fetchFn: Fetch, token: string): Promise<AdminAnswer<true>> {
  return call(fetchFn, '/api/admin/clients', { headers: { authorization: `Bearer ${token}` } }, () => true as const);
}

/** Asks the server's simulator to carry out a scenario; the answer has every default filled in. */
export function sendScenario(
  fetchFn: Fetch,
  token: string,
  request: ScenarioRequest,
): Promise<AdminAnswer<ResolvedScenario>> {
  return call(
    fetchFn,
    '/api/admin/scenario',
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    },
    (body) => (body as { scenario: ResolvedScenario }).scenario,
  );
}

/** Where the server's replay stands; `not_replaying` when it plays no recording. */
export function replayState(fetchFn: Fetch, token: string): Promise<AdminAnswer<ReplayState>> {
  return call(
    fetchFn,
    '/api/admin/replay',
    { headers: { authorization: `Bearer ${token}` } },
    (body) => (body as { replay: ReplayState }).replay,
  );
}

/** Pauses, resumes, changes the speed of or moves the server's replay; the answer is where it stands then. */
export function sendReplay(fetchFn: Fetch, token: string, request: ReplayRequest): Promise<AdminAnswer<ReplayState>> {
  return call(
    fetchFn,
    '/api/admin/replay',
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    },
    (body) => (body as { replay: ReplayState }).replay,
  );
}
