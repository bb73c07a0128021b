// Compiles the server for production: esbuild bundles each entry with the workspace packages (@tickline/shared
// exports TypeScript source, which plain node cannot load) and leaves every npm package external, so node_modules
// resolves them at run time as usual (pino's worker transports, optional native parts) and the bundle stays small.
// Run directly (`npm run build`) or imported by the launcher (`npm start`), which builds only when sources changed.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, formatMessages } from 'esbuild';

const SERVER = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_OUT = path.join(SERVER, 'dist');
/** Written last, so its time is the build's: a build that failed half-way is still older than its inputs. */
export const SERVER_STAMP = path.join(SERVER_OUT, 'main.js');
/** What the server build reads (tests excluded); the freshness check compares them with SERVER_STAMP. */
export const SERVER_INPUTS = [
  path.join(SERVER, 'src'),
  path.join(SERVER, 'package.json'),
  path.join(SERVER, '../shared/src'),
  path.join(SERVER, '../shared/package.json'),
  fileURLToPath(import.meta.url),
];

const ENTRIES = ['main', 'command-line', 'launch-cluster'];

/** @type {import('esbuild').Plugin} */
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@tickline/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Each module keeps its own `import.meta.url` (its source file's, found relative to the bundle at run time), so a
 * path such as `new URL('../../../client/dist', import.meta.url)` means the same compiled as from source.
 * @type {import('esbuild').Plugin}
 */
const sourceImportMetaUrl = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = path.relative(SERVER_OUT, args.path).split(path.sep).join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

/** Builds server/dist; throws with esbuild's formatted errors when the sources do not compile. */
export async function buildServer() {
  const result = await build({
    entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, path.join(SERVER, 'src', `${name}.ts`)])),
    outdir: SERVER_OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    define: { 'import.meta.compiled': 'true' },
    plugins: [npmPackagesExternal, sourceImportMetaUrl],
    write: false,
    logLevel: 'silent',
  }).catch(async (/** @type {unknown} */ err) => {
    const errors = /** @type {{ errors?: import('esbuild').Message[] }} */ (err).errors;
    if (!errors) throw err;
    throw new Error((await formatMessages(errors, { kind: 'error' })).join(''));
  });
  mkdirSync(SERVER_OUT, { recursive: true });
  // Each file replaced whole (write, then rename), the stamp last: a server starting while another process builds
  // reads either the old file or the new one, never half of one.
  const files = [...result.outputFiles].sort(
    (a, b) => Number(a.path === SERVER_STAMP) - Number(b.path === SERVER_STAMP),
  );
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer().catch((/** @type {Error} */ err) => {
    console.error(err.message);
    process.exit(1);
  });
}
