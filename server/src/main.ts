// The process: read the config, build the role it asks for (roles/from-config.ts), listen, and shut down cleanly.

import { configFromCommandLine } from './command-line.ts';
import { consoleLogger as log } from './logger.ts';
import { buildRole, type RunningRole } from './roles/from-config.ts';

const config = configFromCommandLine(process.argv.slice(2), process.env);

/** Stops the process with one clear line instead of a stack trace. */
function fail(message: string): never {
  console.error(`tickline: ${message}`);
  process.exit(1);
}

let role: RunningRole;
try {
  role = await buildRole(config, log);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

role.httpServer.on('error', (err: NodeJS.ErrnoException) => {
  fail(err.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is in use; set PORT or --port` : err.message);
});

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A signal to the process group reaches us twice (directly, and forwarded by npm): the clean shutdown goes on,
    // and the timer below still ends a stuck one.
    if (closing) return;
    closing = true;
    log.info('shutting down');
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    role.close().then(
      () => process.exit(0),
      () => process.exit(1),
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
