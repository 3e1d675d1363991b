import type { IncomingMessage, ServerResponse } from 'node:http';
import { printSchema, type GraphQLSchema } from 'graphql';
import type { RouteHandler } from '../route';
import { ASSET_NAMES, playgroundAsset } from './assets';
import { loadExampleTabs } from './example-operations';
import { PLAYGROUND_CSP, START_SCRIPT, playgroundHtml } from './page';

export interface PlaygroundOptions {
  /** The folder of example operations (schema/operations). */
  operationsDir: string;
  /** The gateway's own base URL, for the sample image URLs of the examples (known once it listens). */
  baseUrl: () => string;
  /** The served schema: GraphiQL gets it as SDL, so docs and completion need neither a key nor an introspection query. */
  schema: GraphQLSchema;
}

/**
 * GET /playground (and a browser's GET /graphql): GraphiQL served entirely by the gateway, from the
 * installed graphiql, react and react-dom packages, with the example operations preloaded as tabs.
 * Development only: main.ts does not register these routes in production.
 */
export function playgroundRoutes(options: PlaygroundOptions): Record<string, RouteHandler> {
  let sdl: string | null = null;
  const routes: Record<string, RouteHandler> = {
    '/playground': (_req, res) => {
      const caseNo = `playground-${Date.now().toString(36)}`;
      const tabs = loadExampleTabs(options.operationsDir, { baseUrl: options.baseUrl(), caseNo });
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PLAYGROUND_CSP,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(playgroundHtml({ endpoint: '/graphql', tabs }));
    },
    '/playground/schema.graphql': (_req, res) => {
      sdl ??= printSchema(options.schema);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(sdl);
    },
    '/playground/start.js': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(START_SCRIPT);
    },
  };
  for (const name of ASSET_NAMES) routes[`/playground/${name}`] = (req, res) => sendAsset(req, res, name);
  return routes;
}

function sendAsset(req: IncomingMessage, res: ServerResponse, name: string): void {
  const asset = playgroundAsset(name);
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  res.writeHead(200, {
    'content-type': asset.contentType,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(gzip ? asset.gzip : asset.body);
}
