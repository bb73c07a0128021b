// `npm run serve`: the compiled server (recompiled when its sources changed) with the dashboard as last built; what
// a cluster node runs after `npm run build`, and what the cluster tests start.
import { launch } from './launch.js';

await launch({ entry: 'main', dashboard: false, checkArgs: true });
