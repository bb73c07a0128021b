// GET and POST /api/admin/replay: the presenter's controls of a recording played back (pause, speed, jump), behind
// the admin guard and rate limited per address. Where the replay runs (this process, or a cluster's feed node over
// the command path) is the ReplayTarget's business.

import { type ReplayRequest, replayRequestSchema, type ReplayState } from '@tickline/shared';
import express, { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import type { AdminGuard } from './admin-guard.ts';
import { callsPerAddress } from './calls-per-address.ts';

export type ReplayOutcome =
  | { ok: true; replay: ReplayState }
  | {
      ok: false;
      status: 400 | 409 | 503;
      error: {
        /**
         * - invalid_replay: past the recording's end;
         * - not_replaying: the server plays no recording;
         * - feed_unavailable: (cluster) the feed node did not answer in time.
         */
        code: 'invalid_replay' | 'not_replaying' | 'feed_unavailable';
        message: string;
      };
    };

/** Acts on the replay (or only reads its state, for undefined) and says where it stands. */
export type ReplayTarget = (request: ReplayRequest | undefined) => Promise<ReplayOutcome>;

/** Replay calls per address and second: clicks and a slider, not a script's loop. */
export const REPLAY_CALLS_PER_SECOND = 10;

export function adminReplayRouter(deps: {
  guard: AdminGuard;
  target: ReplayTarget;
  clock: () => number;
  trustProxy: boolean;
}): Router {
  const limited = callsPerAddress({
    perSecond: REPLAY_CALLS_PER_SECOND,
    what: 'replay controls',
    clock: deps.clock,
    trustProxy: deps.trustProxy,
  });
  const answer = async (request: ReplayRequest | undefined, res: express.Response) => {
    const outcome = await deps.target(request);
    if (outcome.ok) res.json(outcome);
    else res.status(outcome.status).json({ ok: false, error: outcome.error });
  };
  const unreadable: ErrorRequestHandler = (err: { type?: string; status?: number }, _req, res, next) => {
    if (err.status === undefined || err.status >= 500) return next(err);
    res.status(err.type === 'entity.too.large' ? 413 : 400).json({
      ok: false,
      error: { code: 'invalid_replay', message: 'the body must be JSON: { action, speed?, positionMs? }' },
    });
  };
  const act: RequestHandler = async (req, res, next) => {
    const parsed = replayRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      res.status(400).json({ ok: false, error: { code: 'invalid_replay', message: `${where}${issue?.message}` } });
      return;
    }
    answer(parsed.data, res).catch(next);
  };
  const router = Router();
  router.get('/api/admin/replay', deps.guard.requireAdmin, limited, (_req, res, next) => {
    answer(undefined, res).catch(next);
  });
  router.post('/api/admin/replay', deps.guard.requireAdmin, limited, express.json({ limit: '1kb', type: () => true }));
  router.use('/api/admin/replay', unreadable);
  router.post('/api/admin/replay', act);
  return router;
}
