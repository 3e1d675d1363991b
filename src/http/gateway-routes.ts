import { fileURLToPath } from 'node:url';
import type { GraphQLSchema } from 'graphql';
import type { Registry } from 'prom-client';
import { metricsRoute, readinessRoute } from './operational-routes';
import { playgroundRoutes } from './playground/playground-routes';
import type { ReadinessDeps } from './readiness';
import type { RouteHandler } from './route';

export interface GatewayRoutesOptions {
  registry: Registry;
  readiness: ReadinessDeps;
  /** Serve the offline GraphiQL playground (development only). */
  playground: boolean;
  /** The gateway's own base URL (for the playground's sample image URLs). */
  baseUrl: () => string;
  /** The served schema (the playground shows its docs without an introspection query). */
  schema: GraphQLSchema;
}

const OPERATIONS_DIR = fileURLToPath(new URL('../../schema/operations', import.meta.url));

/** The routes besides /graphql and /healthz: /metrics, /readyz and, in development, the playground. */
export function gatewayRoutes(options: GatewayRoutesOptions): Record<string, RouteHandler> {
  return {
    '/metrics': metricsRoute(options.registry),
    '/readyz': readinessRoute(options.readiness),
    ...(options.playground ? playgroundRoutes({ operationsDir: OPERATIONS_DIR, baseUrl: options.baseUrl, schema: options.schema }) : {}),
  };
}
