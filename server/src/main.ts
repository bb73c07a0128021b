// The process: read the config, build the role it asks for (roles/from-config.ts), listen, and shut down cleanly.

import { configFromCommandLine } from './command-line.ts';
import { createLogger, type ProcessLogger } from './logger.ts';
import { buildRole, type RunningRole } from './roles/from-config.ts';

/** A shutdown that takes longer than this is cut short; orchestrators wait 10 s or more before a SIGKILL. */
const SHUTDOWN_LIMIT_MS = 4500;

const config = configFromCommandLine(process.argv.slice(2), process.env);

/** Stops the process with one clear line instead of a stack trace (a log line once there is a logger). */
function fail(message: string, logger?: ProcessLogger): never {
  // The logger writes synchronously: the line is out before the exit.
  if (logger) logger.error(`tickline: ${message}`);
  else console.error(`tickline: ${message}`);
  process.exit(1);
}

let log: ProcessLogger;
try {
  log = (await createLogger({ level: config.logLevel, format: config.logFormat })).child({ role: config.role });
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

let role: RunningRole;
try {
  role = await buildRole(config, log);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err), log);
}

role.httpServer.on('error', (err: NodeJS.ErrnoException) => {
  fail(
    err.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is in use; set PORT or --port` : err.message,
    log,
  );
});

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A signal to the process group reaches us twice (directly, and forwarded by npm): the clean shutdown goes on,
    // and the timer below still ends a stuck one.
    if (closing) return;
    closing = true;
    log.info(`${signal}: shutting down`);
    const exit = (code: number): void => {
      void log.flush().finally(() => process.exit(code));
    };
    const force = setTimeout(() => {
      log.error(`shutdown did not finish within ${SHUTDOWN_LIMIT_MS} ms; exiting anyway`);
      exit(1);
    }, SHUTDOWN_LIMIT_MS);
    force.unref();
    role.close().then(
      () => {
        log.info('stopped');
        exit(0);
      },
      (err: unknown) => {
        log.error('shutdown failed', err);
        exit(1);
      },
    );
  });
}

await role.start();
role.httpServer.listen(config.port, config.host, () => {
  const address = role.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log.info(`Tickline ${config.role === 'all' ? '' : `${config.role} node `}is live: http://${shownHost}:${port}/`);
  for (const line of role.describe()) log.info(line);
});
