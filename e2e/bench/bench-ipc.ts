// Request/response over a forked child's IPC channel: run.ts drives the servers and the load generator with it,
// so their http ports carry nothing but the traffic under test.

import type { ChildProcess } from 'node:child_process';

interface Request {
  id: number;
  op: string;
  args: unknown;
}
interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

const isReply = (m: unknown): m is Reply => typeof m === 'object' && m !== null && 'id' in m && 'ok' in m;
const isRequest = (m: unknown): m is Request => typeof m === 'object' && m !== null && 'id' in m && 'op' in m;

/** The parent's side: `call(op, args)` resolves with the child's answer. */
export function ipcClient(child: ChildProcess): <T>(op: string, args?: unknown, timeoutMs?: number) => Promise<T> {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: unknown) => {
    if (!isReply(m)) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error));
  });
  child.on('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`child exited (${code ?? signal}) during a request`));
    pending.clear();
  });
  return <T>(op: string, args?: unknown, timeoutMs = 120_000) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`ipc ${op} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, op, args } satisfies Request);
    });
}

export type Handlers = Record<string, (args: never) => unknown>;

/** The child's side: answers each request with its handler's (possibly async) result. */
export function serveIpc(handlers: Handlers): void {
  if (!process.send) throw new Error('not started with an IPC channel (run it through e2e/bench/run.ts)');
  // Exit with the parent: a bench child must never outlive the run that started it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: unknown) => {
    if (!isRequest(m)) return;
    const handler = handlers[m.op] as ((args: unknown) => unknown) | undefined;
    const reply = (r: Reply) => process.send?.(r);
    if (!handler) {
      reply({ id: m.id, ok: false, error: `unknown op ${m.op}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(m.args))
      .then(
        (result) => reply({ id: m.id, ok: true, result }),
        (err: unknown) =>
          reply({ id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
}

/** The child's first word: it is listening, and where. */
export function announceReady(info: unknown): void {
  process.send?.({ ready: info });
}

/** Resolves with the child's `announceReady` payload; rejects if it exits first or takes longer than `ms`. */
export function waitReady<T>(child: ChildProcess, ms = 30_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child not ready after ${ms} ms`)), ms);
    const onMessage = (m: unknown) => {
      if (typeof m === 'object' && m !== null && 'ready' in m) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve((m as { ready: T }).ready);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before it was ready`));
    });
  });
}
