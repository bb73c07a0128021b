// A venue endpoint that cannot be reached, said as a sentence that names what to check. Node's own wording
// ("fetch failed", "Unexpected server response: 451") hides the cause one level down and says nothing of the fix,
// and an operator reading the one line the server prints at start-up needs both.

/** The endpoint we tried, and the setting that points us at it. */
export interface VenueEndpoint {
  venue: string;
  /** What the endpoint serves, as the sentence names it: 'REST API', 'stream'. */
  kind: string;
  url: string;
  /** The command-line flag that sets this URL (`--binance-rest-url`). */
  flag: string;
  /** The environment variable that sets it too, if any. */
  env?: string;
}

type Problem = { reason: string; kind: 'network' | 'tls' | 'blocked' };
const network = (reason: string): Problem => ({ kind: 'network', reason });
const blocked = (reason: string): Problem => ({ kind: 'blocked', reason });

const REFUSED = new Set(['ECONNREFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_FAIL']);
const TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const TLS = new Set([
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/**
 * One sentence on why `endpoint` could not be reached and what to check, or undefined when `err` is not a failure to
 * reach it (a rate limit, an unknown symbol, an answer we could not read: those have their own messages).
 */
export function explainUnreachable(
  endpoint: VenueEndpoint,
  err: unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const where = origin(endpoint.url);
  const problem = diagnose(err, where.host);
  if (!problem) return undefined;
  const setting = endpoint.env ? `${endpoint.flag} (or ${endpoint.env})` : endpoint.flag;
  const proxySet = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((name) => env[name]);
  // Node's fetch and the ws client connect directly whatever the environment says: a proxy an operator relies on
  // elsewhere is silently bypassed here, which is worth saying outright.
  const proxy = proxySet
    ? `${proxySet} is set but unused: Node's fetch and WebSocket client connect directly`
    : `Node's fetch does not use HTTPS_PROXY: this server connects directly`;
  const check = {
    blocked:
      `check where the server's traffic leaves from (${proxy}) and ${setting}: ` +
      'point it at an endpoint that serves your location',
    tls:
      `check ${setting} (an http:// server named as https:// fails this way) and the proxy (${proxy}); ` +
      'a proxy that intercepts TLS needs its CA in NODE_EXTRA_CA_CERTS',
    network: `check the network, the proxy (${proxy}), and ${setting}`,
  }[problem.kind];
  return `${endpoint.venue}: cannot reach the ${endpoint.kind} at ${where.text}: ${problem.reason}; ${check}.`;
}

function origin(url: string): { text: string; host: string } {
  try {
    const u = new URL(url);
    return { text: `${u.protocol}//${u.host}`, host: u.hostname };
  } catch {
    return { text: url, host: url };
  }
}

function diagnose(err: unknown, host: string): Problem | undefined {
  for (const e of causes(err)) {
    const status = httpStatus(e);
    if (status === 451) return blocked('it refuses this location (HTTP 451: the venue blocks some countries)');
    if (status === 403) return blocked('it refused access (HTTP 403, often a block by location or a firewall)');
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (e.name === 'TimeoutError' || (code && TIMEOUT.has(code))) return network('it did not answer in time');
    if (!code) continue;
    if (REFUSED.has(code)) return network('the connection was refused (nothing listens there)');
    if (DNS.has(code)) return network(`the name ${host} could not be resolved (DNS ${code})`);
    if (RESET.has(code)) return network(`the connection was cut before an answer (${code})`);
    if (NO_ROUTE.has(code)) return network(`there is no network route to it (${code})`);
    if (TLS.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
      return { kind: 'tls', reason: `the TLS handshake failed (${code})` };
    }
  }
  return undefined;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  status?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and what it wraps: fetch puts the socket's error in `cause`, happy eyeballs in an AggregateError. */
function causes(err: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && found.length < 8) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null) continue;
    const like = e as ErrorLike;
    found.push(like);
    queue.push(like.cause);
    if (Array.isArray(like.errors)) queue.push(...like.errors);
  }
  return found;
}

/** An HTTP status the error carries: a REST error's `status`, or the ws client's "Unexpected server response: 451". */
function httpStatus(e: ErrorLike): number | undefined {
  if (typeof e.status === 'number' && e.status > 0) return e.status;
  const m = typeof e.message === 'string' ? /Unexpected server response: (\d{3})/.exec(e.message) : null;
  return m ? Number(m[1]) : undefined;
}
