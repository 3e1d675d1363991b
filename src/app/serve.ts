import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { GatewayConfig } from '../config/config';
import type { PolicyHolder } from '../decision/engine/policy-holder';
import { PolicyWatcher } from '../decision/authoring/policy-watcher';
import { BodyBudget } from '../http/body-budget';
import { createGatewayHttpServer } from '../http/gateway-http-server';
import { gatewayRoutes } from '../http/gateway-routes';
import { closeGracefully } from '../http/graceful-close';
import { listen } from '../http/listen';
import type { Logger } from '../logging/logger';
import type { Observability } from '../observability/observability';
import type { PendingPoller } from '../orchestration/pending-poller';
import type { ImageUrlGuard } from '../orchestration/url-guard';
import type { Vendor } from '../signals/model';
import { VENDORS } from '../vendors/registry';
import type { RunningSimulator } from '../simulators/simulator';
import type { Database } from '../store/database';
import type { PolicyArchive } from '../store/policy-archive';
import type { Api } from './build-api';
import type { DisposalStack } from './disposal-stack';

export interface ServeDeps {
  config: GatewayConfig;
  logger: Logger;
  stack: DisposalStack;
  api: Api;
  observability: Observability;
  db: Database;
  policies: PolicyHolder;
  policyArchive: PolicyArchive;
  simulators: Partial<Record<Vendor, RunningSimulator>>;
  /** The simulators' sample images at /samples/<scenario>.jpg (development with simulators only). */
  samples: ((scenario: string) => Buffer) | null;
  urlGuard: ImageUrlGuard;
  poller: PendingPoller;
  /** This process's name among the replicas sharing the database (logged, and the poller's lease holder). */
  replica: string;
  /** A verification's deadline; requests in flight at shutdown get this long, and a margin to store their case. */
  deadlineMs: number;
}

/** What the HTTP front reads of the gateway's own state: its base URL once listening, whether shutdown began. */
interface ServingState {
  url: string;
  closing: boolean;
}

/**
 * Listens on PORT/HOST, then starts the background work (pending polls, policy reloads). Each is
 * registered on the stack as it starts; the last entry is readiness, so the first thing a shutdown
 * does is to report not ready. Resolves with the gateway's base URL.
 */
export async function serve(deps: ServeDeps): Promise<string> {
  const { config, logger, stack, poller } = deps;
  const state: ServingState = { url: '', closing: false };
  const server = createHttpFront(deps, state);
  await listen(server, config.port, config.host);
  poller.start();
  // One entry, not two: the listener stops at once while the poll round in flight ends (each within
  // its own bound), so a slow round never keeps the gateway accepting connections during shutdown.
  stack.defer('http server and pending poller', () => Promise.all([closeGracefully(server, deps.deadlineMs + 5_000), poller.stop()]));
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  state.url = `http://${host}:${port}`;
  if (config.nodeEnv !== 'production') deps.urlGuard.allowHost(`${host}:${port}`, `localhost:${port}`);
  const policyWatcher = new PolicyWatcher({
    file: join(config.rulesDir, 'policy.json'),
    holder: deps.policies,
    record: (policy) => deps.policyArchive.record(policy),
    logger,
    onResult: (result) => result !== 'unchanged' && deps.observability.metrics.policyReloads.inc({ result: result === 'swapped' ? 'success' : 'failure' }),
  });
  policyWatcher.start();
  stack.defer('policy watcher', () => policyWatcher.close());
  stack.defer('readiness', () => void (state.closing = true));
  logger.info({ url: `${state.url}/graphql`, replica: deps.replica }, 'gateway listening');
  return state.url;
}

function createHttpFront(deps: ServeDeps, state: ServingState): Server {
  const { config, api, observability, simulators } = deps;
  const production = config.nodeEnv === 'production';
  return createGatewayHttpServer({
    apollo: api.apollo,
    logger: deps.logger,
    samples: production ? null : deps.samples,
    bodyBudget: new BodyBudget(config.resilience.bodyBudgetBytes, undefined, config.resilience.bodyBudgetPerKeyBytes),
    bodyTimeoutMs: config.resilience.bodyTimeoutMs,
    connections: config.http,
    maxQueryBytes: config.access.maxQueryBytes,
    routes: gatewayRoutes({
      registry: observability.metrics.registry,
      readiness: {
        db: deps.db,
        policies: deps.policies,
        vendorModes: Object.fromEntries(VENDORS.map((v) => [v, config.vendors[v].config ? 'vendor' : simulators[v] ? 'simulator' : undefined])),
        closing: () => state.closing,
      },
      playground: !production,
      baseUrl: () => state.url,
      schema: api.schema,
    }),
    onResponse: observability.onResponse,
    traceGraphQL: observability.traceGraphQL,
    authenticate: api.authenticate,
    createContext: api.createContext,
  });
}
