// `npm run cluster`: brings server and dashboard up to date, then the compiled cluster launcher (its flags are its
// own: --edges, and the feed node's, which the feed node checks).
import { launch } from './launch.js';

await launch({ entry: 'launch-cluster', dashboard: true, checkArgs: false });
