// How the gate says no over HTTP: the API's JSON error shape under /api/*, one line of plain text elsewhere.

import type { Request, Response } from 'express';

export type GateErrorCode = 'forbidden_origin' | 'forbidden_host' | 'unauthorized' | 'rate_limited' | 'admin_disabled';

export interface HttpRefusal {
  status: number;
  code: GateErrorCode;
  message: string;
  retryAfterMs?: number | undefined;
}

export function refuse(req: Request, res: Response, refusal: HttpRefusal): void {
  if (refusal.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="tickline"');
  if (refusal.retryAfterMs !== undefined) res.setHeader('Retry-After', String(Math.ceil(refusal.retryAfterMs / 1000)));
  res.status(refusal.status);
  if (isApi(req)) {
    const error = {
      code: refusal.code,
      message: refusal.message,
      ...(refusal.retryAfterMs === undefined ? {} : { retryAfterMs: refusal.retryAfterMs }),
    };
    res.json({ ok: false, error });
  } else {
    res.type('text/plain').send(`${refusal.message}\n`);
  }
}

export function isApi(req: Request): boolean {
  return req.path === '/api' || req.path.startsWith('/api/');
}
