import type { Registry } from 'prom-client';
import { checkReadiness, type ReadinessDeps } from './readiness';
import { sendJson, type RouteHandler } from './route';

/** GET /metrics: the gateway's registry in the Prometheus text format. */
export function metricsRoute(registry: Registry): RouteHandler {
  return async (_req, res) => {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  };
}

/** GET /readyz: 200 when this replica can serve verifications, else 503 with the reason (JSON either way). */
export function readinessRoute(deps: ReadinessDeps): RouteHandler {
  return async (_req, res) => {
    const { ready, ...details } = await checkReadiness(deps);
    res.setHeader('cache-control', 'no-store');
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...details });
  };
}
