// Which web pages may talk to this server: a browser names the page's origin in `Origin` on every WebSocket
// handshake and cross-origin fetch, and the server is the only one who can refuse it (WebSockets ignore CORS).

/** Why `origin` may not use this server, or undefined when it may. */
export function originRefusal(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): string | undefined {
  // Curl, Node clients and same-origin GETs send none; the attack this guards against is a page in a browser,
  // and browsers always send it on the requests that matter here.
  if (origin === undefined) return undefined;
  // `null` is what sandboxed frames and file:// pages send: no page we serve, and no way to tell who it is.
  const parsed = parseOrigin(origin);
  if (!parsed) return `origin ${describe(origin)} is not allowed`;
  if (host !== undefined && sameHost(parsed, host)) return undefined;
  if (allowed.includes(parsed.origin)) return undefined;
  return `origin ${describe(origin)} is not allowed (same origin only${allowed.length > 0 ? `, or ${allowed.join(', ')}` : ''})`;
}

/** `https://a.example:8443` in the form browsers send it, or undefined when `value` is not an http(s) origin. */
export function normalizeOrigin(value: string): string | undefined {
  return parseOrigin(value)?.origin;
}

function parseOrigin(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // An origin is scheme, host and port only: `https://a.example/x` is a URL, not an origin.
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return undefined;
  }
  return url;
}

/** The Host header read with the Origin's scheme, so `localhost` and `localhost:80` compare equal for http. */
function sameHost(origin: URL, host: string): boolean {
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

/** The origin as it may appear in a message: attacker-chosen text, so bounded and without control characters. */
function describe(origin: string): string {
  return JSON.stringify(origin.slice(0, 100));
}
