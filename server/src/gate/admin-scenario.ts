// POST /api/admin/scenario: make the simulator's market do something on cue (a rally, a crash, a halt...), behind
// the admin guard and rate limited per address. Where the market is made (this process, or a cluster's feed node
// over the command path) is the ScenarioTarget's business.

import { type ResolvedScenario, scenarioRequestSchema } from '@tickline/shared';
import express, { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import type { AdminGuard } from './admin-guard.ts';
import { callsPerAddress } from './calls-per-address.ts';

/** Why a scenario was not carried out, as the HTTP answer gives it. */
export interface ScenarioRefusal {
  ok: false;
  status: 404 | 409 | 503;
  error: {
    /**
     * - unknown_symbol: no feed serves the symbol;
     * - not_simulated: the symbol comes from a real exchange, whose market nobody here makes;
     * - feed_unavailable: (cluster) the feed node did not answer in time; nothing is known to have happened.
     */
    code: 'unknown_symbol' | 'not_simulated' | 'feed_unavailable';
    message: string;
  };
}

export type ScenarioOutcome = { ok: true } | ScenarioRefusal;

/** Carries a scenario out where the symbol's market is made. */
export type ScenarioTarget = (scenario: ResolvedScenario) => Promise<ScenarioOutcome>;

/** Scenarios per address and second: a presenter's clicks, not a script's loop. */
export const SCENARIOS_PER_SECOND = 5;

export function adminScenarioRouter(deps: {
  guard: AdminGuard;
  target: ScenarioTarget;
  clock: () => number;
  trustProxy: boolean;
}): Router {
  const limited = callsPerAddress({
    perSecond: SCENARIOS_PER_SECOND,
    what: 'scenarios',
    clock: deps.clock,
    trustProxy: deps.trustProxy,
  });
  const router = Router();
  const unreadable: ErrorRequestHandler = (err: { type?: string; status?: number }, _req, res, next) => {
    if (err.status === undefined || err.status >= 500) return next(err);
    const tooLarge = err.type === 'entity.too.large';
    res.status(tooLarge ? 413 : 400).json({
      ok: false,
      error: {
        code: 'invalid_scenario',
        message: tooLarge
          ? 'the body is too large (at most 1 KB)'
          : 'the body must be JSON: { symbol, kind, size?, durationMs? }',
      },
    });
  };
  const carryOut: RequestHandler = async (req, res, next) => {
    const parsed = scenarioRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
        .join('; ');
      res.status(400).json({ ok: false, error: { code: 'invalid_scenario', message } });
      return;
    }
    try {
      const outcome = await deps.target(parsed.data);
      if (outcome.ok) res.json({ ok: true, scenario: parsed.data });
      else res.status(outcome.status).json({ ok: false, error: outcome.error });
    } catch (err) {
      next(err);
    }
  };
  router.post(
    '/api/admin/scenario',
    deps.guard.requireAdmin,
    limited,
    express.json({ limit: '1kb', type: () => true }),
  );
  // An error handler as a route would be skipped (a route's own layer takes three arguments): it goes in with use.
  router.use('/api/admin/scenario', unreadable);
  router.post('/api/admin/scenario', carryOut);
  return router;
}
