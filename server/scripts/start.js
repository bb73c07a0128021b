// `npm start`: compiles the server and builds the dashboard when their sources changed, then serves both.
import { launch } from './launch.js';

await launch({ entry: 'main', dashboard: true, checkArgs: true });
