// The servers under test, by name: Tickline and the four baselines it is measured against (naive and batched
// Socket.IO, raw and batched raw `ws`). A module of its own because load-generator.ts is a process entry point:
// importing a value from it would start its IPC loop.

export type ServerKind = 'tickline' | 'naive' | 'batched-naive' | 'ws' | 'batched-ws';

/** Every server kind, in the order the bench measures them. */
export const SERVER_KINDS: readonly ServerKind[] = ['tickline', 'naive', 'batched-naive', 'ws', 'batched-ws'];

export const isServerKind = (name: string): name is ServerKind => (SERVER_KINDS as readonly string[]).includes(name);

/** Kinds whose clients speak raw WebSocket (ws://) rather than Socket.IO (http://). */
export const isRawWs = (kind: ServerKind): boolean => kind === 'ws' || kind === 'batched-ws';
