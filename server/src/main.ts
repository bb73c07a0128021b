// Composition root: read the config, build the feed and the application, listen, and shut down cleanly.

import { fileURLToPath } from 'node:url';
import { ConfigError, parseConfig, usage, type Config } from './config.ts';
import { createApplication } from './roles/all.ts';
import { createFeeds } from './feeds/create-feeds.ts';
import type { FeedAdapter } from './feeds/feed.ts';
import { createRecorder, type Recorder } from './feeds/record/recorder.ts';
import { consoleLogger as log } from './logger.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(usage());
  process.exit(0);
}

/** Stops the process with one clear line instead of a stack trace. */
function fail(message: string): never {
  console.error(`tickline: ${message}`);
  process.exit(1);
}

let config: Config;
try {
  config = parseConfig(argv, process.env);
} catch (err) {
  if (err instanceof ConfigError) fail(`${err.message}; see --help`);
  throw err;
}

let feeds: FeedAdapter[];
try {
  feeds = await createFeeds(config, log);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

let recorder: Recorder | undefined;
if (config.record) {
  recorder = createRecorder(config.record, feeds.flatMap((f) => f.symbols), (err) => {
    log.error(`recording to ${config.record} stopped: ${err.message}`);
  });
}

const app = createApplication({
  feeds,
  flushIntervalMs: config.flushMs,
  bookDepth: config.bookDepth,
  tradeHistory: 100,
  candleIntervalMs: config.candleMs,
  candleHistory: 360,
  maxTradesPerUpdate: 200,
  staleAfterMs: config.staleMs,
  staticDir: fileURLToPath(new URL('../../client/dist', import.meta.url)),
  logger: log,
  tap: recorder ? (event) => recorder.record(event) : undefined,
});

app.httpServer.on('error', (err: NodeJS.ErrnoException) => {
  fail(err.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is in use; set PORT or --port` : err.message);
});

await app.start();
app.httpServer.listen(config.port, config.host, () => {
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log.info(`Tickline is live: http://${shownHost}:${port}/`);
  const seed = config.feeds.includes('sim')
    ? `, seed ${config.seed}${config.seedIsRandom ? ' (random; pass --seed to replay)' : ''}`
    : '';
  log.info(`  feed ${config.feeds.join(', ')}${seed}, ${app.hub.specs().length} symbols, flush every ${config.flushMs} ms`);
  if (config.record) log.info(`  recording every event to ${config.record}`);
});

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    log.info('shutting down');
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    app.close().then(
      async () => {
        await recorder?.close();
        process.exit(0);
      },
      () => process.exit(1),
    );
  });
}
