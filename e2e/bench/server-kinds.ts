// The servers under test, by name: Tickline and the four baselines it is measured against (naive and batched
// Socket.IO, raw and batched raw `ws`). A module of its own because load-generator.ts is a process entry point:
// importing a value from it would start its IPC loop.

/**
 * `tickline` is Tickline as `npm start` runs it (adaptive flush); `tickline-fixed` the same server flushing only
 * every interval, for what the adaptive flush changes.
 */
export type ServerKind = 'tickline' | 'tickline-fixed' | 'naive' | 'batched-naive' | 'ws' | 'batched-ws';

/** Every server kind, in the order the bench measures them. */
export const SERVER_KINDS: readonly ServerKind[] = [
  'tickline',
  'tickline-fixed',
  'naive',
  'batched-naive',
  'ws',
  'batched-ws',
];

/**
 * What `npm run bench` measures unless told otherwise: Tickline and the four baselines. `tickline-fixed` (issue 13's
 * check that the adaptive flush keeps capacity within 10 %) is asked for by name (`--servers ...,tickline-fixed`):
 * a whole capacity search more would take the run past its 8 minutes.
 */
export const DEFAULT_SERVER_KINDS: readonly ServerKind[] = SERVER_KINDS.filter((k) => k !== 'tickline-fixed');

/** Kinds that are Tickline (its client, its update sampler). */
export const isTickline = (kind: ServerKind): boolean => kind === 'tickline' || kind === 'tickline-fixed';

export const isServerKind = (name: string): name is ServerKind => (SERVER_KINDS as readonly string[]).includes(name);

/** Kinds whose clients speak raw WebSocket (ws://) rather than Socket.IO (http://). */
export const isRawWs = (kind: ServerKind): boolean => kind === 'ws' || kind === 'batched-ws';
