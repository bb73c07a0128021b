// The headers every response carries (the SPA, its assets, /api/*, Engine.IO's): a Content-Security-Policy the
// built dashboard runs under with no violation, no MIME sniffing, no referrer, and no framing.

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { hostName } from './host-policy.ts';

export type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * `inlineStyleHashes`: CSP hashes of the `<style>` blocks of the served index.html (its dark background, painted
 * before the stylesheet loads), so the policy needs no 'unsafe-inline'.
 */
export function securityHeaders(inlineStyleHashes: readonly string[] = []): HeaderMiddleware {
  return helmet({
    contentSecurityPolicy: {
      // Helmet's defaults add upgrade-insecure-requests, which would send the page's own requests to https on a
      // server that only speaks http: every directive is spelled out instead.
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and recharts set styles through the CSSOM (element.style), which CSP does not govern.
        styleSrc: ["'self'", ...inlineStyleHashes.map((h) => `'${h}'`)],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // 'self' covers ws: of the same host in current browsers; older ones need it spelled out.
        connectSrc: ["'self'", (req) => sameHostSockets(req as IncomingMessage)],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // No HSTS: Tickline speaks plain http (on localhost, or behind a proxy that terminates TLS and can send it).
    // Sent over http it is ignored, sent by a proxy-fronted https host it would pin every port of that name.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    xContentTypeOptions: true,
  }) as HeaderMiddleware;
}

/** `ws://host wss://host` for the request's Host, when it is a well-formed one (it is attacker-chosen text). */
function sameHostSockets(req: IncomingMessage): string {
  const host = req.headers.host;
  if (!host || hostName(host) === undefined) return '';
  return `ws://${host} wss://${host}`;
}

/** `sha256-…` of every inline `<style>` block of `html`. */
export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/gi)].map(
    (m) =>
      `sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}`,
  );
}
