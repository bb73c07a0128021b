// The command line's first answer: --help, or one sentence for a bad flag, before anything else runs. main.ts
// calls it, and so does `npm start`'s launcher, before it spends time building the dashboard.

import { ConfigError, parseConfig, usage, type Config } from './config.ts';

export function configFromCommandLine(argv: string[], env: Record<string, string | undefined>): Config {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    process.exit(0);
  }
  try {
    return parseConfig(argv, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`tickline: ${err.message}; see --help`);
    process.exit(1);
  }
}
