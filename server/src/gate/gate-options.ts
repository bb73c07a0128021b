// What the gate enforces, with the defaults a server gets when its caller says nothing (tests, benchmarks): the
// same defaults as `npm start`, so nothing is open by accident.

export interface GateOptions {
  /** Origins allowed besides the page's own (`https://a.example`), normalized. */
  allowedOrigins: readonly string[];
  /** Host names served besides IP literals, localhost and this machine's name; `all` turns the check off. */
  allowedHosts: readonly string[] | 'all';
  /** Open connections this process holds at most. */
  maxConnections: number;
  /** Open connections one client address holds at most. */
  maxConnectionsPerAddress: number;
  /** Count connections against the last X-Forwarded-For address (set it behind a proxy that appends one). */
  trustProxy: boolean;
  /** When set, every socket and `/api/*` data request must present it. */
  viewerToken?: string | undefined;
  /** When set, control surfaces accept it; when unset, they are off. */
  adminToken?: string | undefined;
}

export const DEFAULT_MAX_CONNECTIONS = 10_000;
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

export const DEFAULT_GATE: GateOptions = {
  allowedOrigins: [],
  allowedHosts: [],
  maxConnections: DEFAULT_MAX_CONNECTIONS,
  maxConnectionsPerAddress: DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
  trustProxy: false,
};

export function resolveGate(options: Partial<GateOptions> | undefined): GateOptions {
  return { ...DEFAULT_GATE, ...options };
}
