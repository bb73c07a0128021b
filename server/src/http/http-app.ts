// The http side: the public JSON API and the built single-page app, on the same port as the socket.

import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import type { MarketView } from '../hub/market-view.ts';
import type { MetricsText } from '../observability/metrics.ts';

export interface HttpAppDeps {
  /** Runs before every route: security headers, Host and Origin checks, tokens (server/src/gate/http-gate.ts). */
  gate?: RequestHandler | undefined;
  view: Pick<MarketView, 'specs'>;
  /** Folder of the built client (client/dist); when absent, / explains how to build it. */
  staticDir: string | undefined;
  /** What / says when there is no dashboard to serve; by default, how to build it. */
  rootText?: string;
  /** Live counters for /api/health. */
  health: () => Record<string, unknown>;
  /** Per-symbol stream counters for /api/stats. */
  stats: () => Record<string, unknown>;
  /** The Prometheus exposition for GET /metrics. */
  metrics: () => Promise<MetricsText>;
  /** Why the server should not get traffic (GET /readyz); empty when ready. */
  readiness: () => string[];
}

export function createHttpApp({
  gate,
  view,
  staticDir,
  rootText,
  health,
  stats,
  metrics,
  readiness,
}: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (gate) app.use(gate);

  app.get('/api/symbols', (_req, res) => {
    res.json(view.specs());
  });
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, ...health() });
  });
  app.get('/api/stats', (_req, res) => {
    res.json(stats());
  });
  // For Prometheus and orchestrators (a load balancer, Kubernetes probes): outside /api, as they expect.
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics();
    res.type(contentType).set('cache-control', 'no-store').send(body);
  });
  // Alive: the process answers. Nothing else is checked, so a slow feed never gets a healthy process restarted.
  app.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ ok: true });
  });
  // Ready: worth sending clients to. A 503 names every reason it is not.
  app.get('/readyz', (_req, res) => {
    const reasons = readiness();
    res
      .set('cache-control', 'no-store')
      .status(reasons.length === 0 ? 200 : 503)
      .json({ ok: reasons.length === 0, reasons });
  });
  app.use('/api', (_req, res) => {
    res.status(404).json({ ok: false, error: { code: 'not_found', message: 'no such API endpoint' } });
  });

  if (staticDir && existsSync(path.join(staticDir, 'index.html'))) {
    app.use(express.static(staticDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    // A missing file (a stale /assets/*.js after a deploy, a typo) is a 404, not the page: served as a script, the
    // page would fail obscurely, and a 200 would be cached as the file.
    app.use((req, res, next) => {
      if (req.path.startsWith('/assets/') || path.extname(req.path) !== '')
        res.status(404).type('text/plain').send('not found\n');
      else next();
    });
    // The SPA owns every other path.
    app.get(/^(?!\/socket\.io\/).*/, (_req, res) => {
      res.sendFile(path.join(staticDir, 'index.html'), { headers: { 'cache-control': 'no-cache' } });
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send(
          rootText ??
            'Tickline server is running, but the dashboard is not built. Run `npm run build` (or `npm start`).\n',
        );
    });
  }
  return app;
}

function noCacheForHtml(res: { setHeader(name: string, value: string): void }, file: string): void {
  if (file.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
