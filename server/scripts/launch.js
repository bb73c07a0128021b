// What `npm start`, `npm run serve` and `npm run cluster` share: bring the compiled server (and the dashboard)
// up to date, answer --help or a bad flag before the slow part, then run the compiled entry in this very process,
// so signals sent to the process group reach the server directly.

import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildClient, CLIENT_INPUTS, CLIENT_STAMP } from './build-client.js';
import { buildServer, SERVER_INPUTS, SERVER_OUT, SERVER_STAMP } from './build-server.js';
import { fileTimes, modifiedAt } from './file-times.js';
import { staleReason } from './freshness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const isTest = (/** @type {string} */ name) => /\.(test|spec)\.tsx?$/.test(name);

/**
 * @param {object} options
 * @param {'main' | 'launch-cluster'} options.entry the compiled module to run
 * @param {boolean} options.dashboard whether to rebuild the dashboard when its sources changed
 * @param {boolean} options.checkArgs whether to answer --help and bad flags before building the dashboard
 */
export async function launch({ entry, dashboard, checkArgs }) {
  process.setSourceMapsEnabled(true);
  const shown = (/** @type {string | undefined} */ reason) => reason?.replace(`${ROOT}`, '');

  // Compiling the server takes well under a second and prints nothing; it has to come first, since the answer
  // to --help and to a bad flag is the compiled server's own.
  const serverReason = shown(staleReason(fileTimes(SERVER_INPUTS, isTest), modifiedAt(SERVER_STAMP)));
  if (serverReason) {
    try {
      await buildServer();
    } catch (err) {
      console.error(`tickline: the server does not compile:\n${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
  }
  const compiled = (/** @type {string} */ name) => pathToFileURL(path.join(SERVER_OUT, `${name}.js`)).href;
  if (checkArgs) {
    /** @type {typeof import('../src/command-line.ts')} */
    const commandLine = await import(compiled('command-line'));
    commandLine.configFromCommandLine(process.argv.slice(2), process.env);
  }

  const clientReason = dashboard
    ? shown(staleReason(fileTimes(CLIENT_INPUTS, isTest), modifiedAt(CLIENT_STAMP)))
    : undefined;
  const line = buildLine(serverReason, clientReason);
  // stderr: stdout is the server's, JSON lines a log collector reads.
  if (line) console.error(line);
  if (clientReason && !buildClient()) {
    console.error('tickline: the dashboard did not build (vite says why above)');
    process.exit(1);
  }
  await import(compiled(entry));
}

/**
 * One line for whatever was or is being built; undefined when both were fresh.
 * @param {string | undefined} serverReason
 * @param {string | undefined} clientReason
 */
export function buildLine(serverReason, clientReason) {
  if (serverReason && clientReason) return `tickline: compiled the server; building the dashboard (${clientReason})...`;
  if (serverReason) return `tickline: compiled the server (${serverReason})`;
  if (clientReason) return `tickline: building the dashboard (${clientReason})...`;
  return undefined;
}
