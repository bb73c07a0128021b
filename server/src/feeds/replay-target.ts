// Replay controls where the feeds run in this process: the replay feed, if the server plays a recording.

import type { ReplayTarget } from '../gate/admin-replay.ts';
import type { FeedAdapter } from './feed.ts';

export function replayOnFeeds(feeds: readonly FeedAdapter[]): ReplayTarget {
  return async (request) => {
    const controls = feeds.find((f) => f.replay)?.replay;
    if (!controls) {
      return {
        ok: false,
        status: 409,
        error: { code: 'not_replaying', message: 'this server plays no recording (start it with --feed replay)' },
      };
    }
    try {
      if (request?.action === 'pause') controls.pause();
      else if (request?.action === 'resume') controls.resume();
      else if (request?.action === 'speed') controls.setSpeed(request.speed);
      else if (request?.action === 'seek') controls.seek(request.positionMs);
    } catch (err) {
      // The recording's own bounds (a jump past its end) are only known here.
      if (err instanceof RangeError)
        return { ok: false, status: 400, error: { code: 'invalid_replay', message: err.message } };
      throw err;
    }
    return { ok: true, replay: controls.state() };
  };
}
