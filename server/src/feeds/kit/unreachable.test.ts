import { describe, expect, it } from 'vitest';
import { explainUnreachable, type VenueEndpoint } from './unreachable.ts';

const rest: VenueEndpoint = {
  venue: 'binance',
  kind: 'REST API',
  url: 'https://api.binance.com/api/v3/exchangeInfo?symbols=%5B%22BTCUSDT%22%5D',
  flag: '--binance-rest-url',
  env: 'BINANCE_REST_URL',
};
const stream: VenueEndpoint = {
  venue: 'coinbase',
  kind: 'stream',
  url: 'wss://ws-feed.exchange.coinbase.com',
  flag: '--coinbase-ws-url',
};
const noProxy = {};

/** What Node's fetch throws: a TypeError whose cause is the socket's error. */
const fetchFailed = (code: string, message = code) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
/** What the ws client emits: the socket's error itself. */
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
const explain = (err: unknown, endpoint = rest, env: Record<string, string> = noProxy) =>
  explainUnreachable(endpoint, err, env);

describe('explainUnreachable', () => {
  it('says a refused connection in a sentence naming the endpoint, the proxy and the flag', () => {
    expect(explain(fetchFailed('ECONNREFUSED'))).toBe(
      'binance: cannot reach the REST API at https://api.binance.com: the connection was refused (nothing listens ' +
        "there); check the network, the proxy (Node's fetch does not use HTTPS_PROXY: this server connects directly), " +
        'and --binance-rest-url (or BINANCE_REST_URL).',
    );
    expect(explain(socketError('ECONNREFUSED'), stream)).toMatch(
      /^coinbase: cannot reach the stream at wss:\/\/ws-feed\.exchange\.coinbase\.com: the connection was refused.*--coinbase-ws-url\.$/,
    );
  });

  it('names the host that DNS could not resolve', () => {
    expect(explain(fetchFailed('ENOTFOUND', 'getaddrinfo ENOTFOUND api.binance.com'))).toMatch(
      /: the name api\.binance\.com could not be resolved \(DNS ENOTFOUND\); check the network/,
    );
    expect(explain(fetchFailed('EAI_AGAIN'))).toMatch(/could not be resolved \(DNS EAI_AGAIN\)/);
  });

  it('says a timeout, whether fetch aborted or the socket gave up', () => {
    const aborted = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(explain(aborted)).toMatch(/: it did not answer in time; check the network/);
    expect(explain(fetchFailed('UND_ERR_CONNECT_TIMEOUT'))).toMatch(/did not answer in time/);
    expect(explain(socketError('ETIMEDOUT'), stream)).toMatch(/did not answer in time/);
  });

  it('says a TLS failure, with what commonly causes one', () => {
    const text = explain(fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER'));
    expect(text).toMatch(/: the TLS handshake failed \(ERR_SSL_WRONG_VERSION_NUMBER\); check --binance-rest-url/);
    expect(text).toMatch(/http:\/\/ server named as https:\/\//);
    expect(text).toMatch(/NODE_EXTRA_CA_CERTS/);
    expect(explain(socketError('CERT_HAS_EXPIRED'), stream)).toMatch(/TLS handshake failed \(CERT_HAS_EXPIRED\)/);
    expect(explain(socketError('EPROTO'), stream)).toMatch(/TLS handshake failed \(EPROTO\)/);
  });

  it('says a geo-block, from a REST status or from the stream handshake', () => {
    const refused = Object.assign(new Error('GET https://api.binance.com/api/v3/depth: HTTP 451'), { status: 451 });
    expect(explain(refused)).toMatch(
      /: it refuses this location \(HTTP 451: the venue blocks some countries\); check where the server's traffic leaves/,
    );
    expect(explain(refused)).toMatch(/--binance-rest-url \(or BINANCE_REST_URL\): point it at an endpoint that serves/);
    expect(explain(new Error('Unexpected server response: 403'), stream)).toMatch(/refused access \(HTTP 403/);
  });

  it('says a dropped connection and a missing route', () => {
    expect(explain(fetchFailed('ECONNRESET'))).toMatch(/the connection was cut before an answer \(ECONNRESET\)/);
    expect(explain(socketError('ENETUNREACH'), stream)).toMatch(/no network route to it \(ENETUNREACH\)/);
  });

  it('looks through an AggregateError, as when every address of a host refused', () => {
    const both = new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], 'all failed');
    expect(explain(new TypeError('fetch failed', { cause: both }))).toMatch(/connection was refused/);
  });

  it('says so when a proxy is set that this server will not use', () => {
    expect(explain(fetchFailed('ECONNREFUSED'), rest, { HTTPS_PROXY: 'http://proxy:3128' })).toMatch(
      /the proxy \(HTTPS_PROXY is set but unused: Node's fetch and WebSocket client connect directly\)/,
    );
  });

  it('leaves other failures to their own messages', () => {
    expect(explain(Object.assign(new Error('HTTP 429 Too many requests'), { status: 429 }))).toBeUndefined();
    expect(explain(new Error('unexpected answer: symbols: Required'))).toBeUndefined();
    expect(explain('a string')).toBeUndefined();
    expect(explain(undefined)).toBeUndefined();
  });
});
