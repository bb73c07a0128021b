// The leveled logger the code writes to. The process backs it with pino (JSON lines, or pino-pretty in development);
// tests pass `silentLogger`, and embedders may pass anything with these three methods.

import { inspect } from 'node:util';
import { pino, type DestinationStream, type Level } from 'pino';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly (
  Level | 'silent'
)[];
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The process's logger: the `Logger` the code uses, plus what main.ts needs around it. */
export interface ProcessLogger extends Logger {
  debug(message: string): void;
  /** A logger whose every line carries `bindings` (a role, a node id). */
  child(bindings: Record<string, string | number>): ProcessLogger;
  /** Writes out whatever is buffered; called before the process exits. */
  flush(): Promise<void>;
}

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Where the lines go; stdout by default (tests pass a stream to read them back). */
  destination?: DestinationStream;
}

export async function createLogger(options: LoggerOptions): Promise<ProcessLogger> {
  const destination =
    options.destination ??
    (options.format === 'pretty' ? await prettyStream() : pino.destination({ dest: 1, sync: true }));
  return wrap(
    pino(
      {
        level: options.level,
        base: { pid: process.pid },
        // Errors under `err` with their stack, as pino's standard serializer writes them.
        serializers: { err: pino.stdSerializers.err },
      },
      destination,
    ),
  );
}

/** pino-pretty is a devDependency: only `npm run dev` asks for it, and a production install may not have it. */
async function prettyStream(): Promise<DestinationStream> {
  try {
    const { default: pretty } = await import('pino-pretty');
    // In-process and synchronous, so the last lines before an exit are not lost in a worker thread.
    return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    throw new Error('--log-format pretty needs pino-pretty (a devDependency of @tickline/server): run `npm install`');
  }
}

function wrap(p: pino.Logger): ProcessLogger {
  return {
    debug: (message) => p.debug(message),
    info: (message) => p.info(message),
    warn: (message) => p.warn(message),
    error: (message, err) => (err === undefined ? p.error(message) : p.error({ err: asError(err) }, message)),
    child: (bindings) => wrap(p.child(bindings)),
    flush: () => new Promise<void>((resolve) => p.flush(() => resolve())),
  };
}

/** pino's serializer wants an Error; a thrown string or object is wrapped so it still shows. */
function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(typeof err === 'string' ? err : inspect(err, { depth: 2 }));
}

/** Plain lines on the console: for tools and embedders that do not want JSON. */
export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(`warn: ${message}`),
  error: (message, err) => console.error(`error: ${message}`, err ?? ''),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
