// The gate in front of every HTTP route: security headers on every response, the Host check on every request, and
// on /api/* the Origin check and the viewer token. Mounted first in the http app.

import { type RequestHandler, Router } from 'express';
import { clientAddress } from './client-address.ts';
import type { GateOptions } from './gate-options.ts';
import { type HostPolicy, hostRefusal } from './host-policy.ts';
import { isApi, refuse } from './http-refusal.ts';
import { originRefusal } from './origin-policy.ts';
import type { HeaderMiddleware } from './security-headers.ts';
import { bearerToken } from './token-match.ts';
import type { TokenGuard } from './token-guard.ts';

/**
 * /api paths anyone may read even when a viewer token is set: liveness for load balancers and probes. The health,
 * readiness and metrics endpoints outside /api (/healthz, /readyz, /metrics) are not behind the viewer token at all;
 * add an /api path here only if it tells an outsider nothing about the market or its clients.
 */
export const OPEN_API_PATHS: ReadonlySet<string> = new Set(['/api/health']);

export interface HttpGateDeps {
  options: GateOptions;
  hosts: HostPolicy;
  headers: HeaderMiddleware;
  /** Present when a viewer token is set. */
  viewer: TokenGuard | undefined;
  /** Control surfaces (behind the admin guard, with their own token), mounted after the checks above. */
  admin: Router;
}

export function createHttpGate({ options, hosts, headers, viewer, admin }: HttpGateDeps): Router {
  const router = Router();
  router.use(headers as RequestHandler);

  router.use((req, res, next) => {
    const problem = hostRefusal(req.headers.host, hosts);
    if (problem) refuse(req, res, { status: 403, code: 'forbidden_host', message: problem });
    else next();
  });

  router.use((req, res, next) => {
    if (!isApi(req)) return next();
    const problem = originRefusal(req.headers.origin, req.headers.host, options.allowedOrigins);
    if (problem) refuse(req, res, { status: 403, code: 'forbidden_origin', message: problem });
    else next();
  });

  if (viewer) {
    router.use((req, res, next) => {
      // Control surfaces take the admin token in the same header; the admin guard checks it.
      if (!isApi(req) || OPEN_API_PATHS.has(req.path) || req.path.startsWith('/api/admin/')) return next();
      const verdict = viewer.check(bearerToken(req.headers.authorization), clientAddress(req, options.trustProxy));
      if (verdict.ok) next();
      else refuse(req, res, verdict);
    });
  }

  router.use(admin);
  return router;
}
