// DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 talks to this server as its own
// origin, so the Origin check cannot see it. Its requests still carry `Host: evil.example`; only names this server
// answers to are accepted.

import { isIP } from 'node:net';

export interface HostPolicy {
  /** `all` turns the check off; otherwise names (`tickline.example.com`) and wildcards (`*.example.com`). */
  allowed: readonly string[] | 'all';
  /** This machine's name (os.hostname()), always accepted. */
  machine: string;
}

/** Why `host` (a Host header) is refused, or undefined when it is accepted. */
export function hostRefusal(host: string | undefined, policy: HostPolicy): string | undefined {
  if (policy.allowed === 'all') return undefined;
  if (host === undefined || host === '') return 'the request has no Host header';
  const name = hostName(host);
  if (name === undefined) return 'the Host header is malformed';
  if (isIP(name) !== 0) return undefined;
  if (name === 'localhost' || name.endsWith('.localhost')) return undefined;
  if (name === policy.machine.toLowerCase()) return undefined;
  if (policy.allowed.some((pattern) => matches(name, pattern.toLowerCase()))) return undefined;
  return `host ${JSON.stringify(host.slice(0, 100))} is not one this server answers to (see --allowed-hosts)`;
}

/** The name part of a Host header, lower-cased, without port or IPv6 brackets. */
export function hostName(host: string): string | undefined {
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/i.exec(host);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host);
  if (plain) return plain[1]!.toLowerCase().replace(/\.$/, '');
  return undefined;
}

function matches(name: string, pattern: string): boolean {
  // `*.example.com` is any subdomain, not the bare domain: list that too if it is served.
  if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1;
  return name === pattern;
}
