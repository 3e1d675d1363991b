import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApiKeyStore } from './auth/api-key-store';
import { Authenticator } from './auth/authenticator';
import { provisionKeys } from './auth/provision-keys';
import { RateLimiter } from './auth/rate-limiter';
import type { GatewayConfig } from './config/config';
import { loadPolicyFile } from './decision/authoring/policy-loader';
import { PolicyHolder } from './decision/engine/policy-holder';
import { PolicyWatcher } from './decision/authoring/policy-watcher';
import type { GatewayContext } from './graphql/context';
import { createErrorFormatter } from './graphql/errors';
import { createCaseLoaders } from './graphql/loaders';
import { complexityLimit } from './graphql/limits/complexity-limit';
import { verificationRateLimit } from './graphql/limits/verification-rate';
import { depthLimit } from './graphql/limits/depth-limit';
import { buildGatewaySchema } from './graphql/schema';
import { BodyBudget } from './http/body-budget';
import { createGatewayHttpServer, errorSummary } from './http/gateway-http-server';
import { gatewayRoutes } from './http/gateway-routes';
import { closeGracefully } from './http/graceful-close';
import { listen } from './http/listen';
import type { GatewayMetrics } from './observability/metrics';
import { createObservability } from './observability/observability';
import { operationSpanPlugin } from './observability/operation-span-plugin';
import { callerTraceHeaders } from './observability/propagation';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createLogger, type Logger } from './logging/logger';
import { createGuardedAgent } from './orchestration/guarded-agent';
import { imageFetcher } from './orchestration/image-fetcher';
import { PendingPoller } from './orchestration/pending-poller';
import { PendingRefresher } from './orchestration/pending-refresher';
import { Routing } from './orchestration/routing';
import { ImageUrlGuard } from './orchestration/url-guard';
import { Verifier } from './orchestration/verifier';
import type { Vendor } from './signals/model';
import type { Database } from './store/database';
import { IdentityStore } from './store/identity-store';
import { openDatabase } from './store/open-database';
import { PendingPolls } from './store/pending-polls';
import { PolicyArchive } from './store/policy-archive';
import { VENDOR_MODULES, VENDORS } from './vendors/registry';
import { registerResilienceMetrics } from './vendors/resilience/resilience-metrics';
import { VendorResilience } from './vendors/resilience/vendor-resilience';
import type { VendorAdapter } from './vendors/vendor';
import type { RunningSimulator } from './simulators/simulator';

export interface Gateway {
  url: string;
  config: GatewayConfig;
  db: Database;
  store: IdentityStore;
  policies: PolicyHolder;
  poller: PendingPoller;
  /** Simulators started in-process for vendors whose base URL is not configured. */
  simulators: Partial<Record<Vendor, RunningSimulator>>;
  /** Prometheus metrics (served at /metrics); e.g. `metrics.policyReloads.inc({ result: 'success' })`. */
  metrics: GatewayMetrics;
  /** Graceful: stops accepting, lets in-flight requests finish, then closes pools and the database. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  logger?: Logger;
  /** Where the one-time development key line goes (never the log). Default: stdout. */
  print?: (line: string) => void;
  /** Use this database instead of opening the configured one (tests sharing one PGlite). */
  db?: Database;
  /** Export spans here instead of the configured exporter (tests: an in-memory exporter). */
  traceExporter?: SpanExporter;
}

/** The composition root: config → store → simulators/adapters → policy → schema → HTTP. Nothing else wires. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger();
  const simulated = VENDORS.filter((vendor) => config.vendors[vendor].config === null);
  // Loaded only when a vendor is simulated: a production gateway with every vendor configured never
  // imports a simulator (loadConfig refused production without them unless SIMULATORS=on).
  const dev = simulated.length > 0 ? await loadSimulators(config.simulatorFaults) : null;
  const routing = Routing.load(config.rulesDir);
  const policies = new PolicyHolder(loadPolicyFile(join(config.rulesDir, 'policy.json')));
  const db = options.db ?? (await openDatabase(config.databaseUrl, config.dataDir, config.databaseQueryTimeoutMs));
  logger.info({ database: db.kind }, db.kind === 'pglite' ? `embedded PostgreSQL (PGlite) ${config.databaseUrl ?? `under ${config.dataDir}`}` : 'PostgreSQL server');
  const store = new IdentityStore(db);
  const polls = new PendingPolls(db);
  // Every policy that decides is on record first, so its decisions can be explained after it changed.
  const policyArchive = new PolicyArchive(db);
  await policyArchive.record(policies.policy);
  const observability = createObservability(
    config.tracing,
    { pendingCases: () => polls.count(), policyVersion: () => policies.policy.version },
    options.traceExporter,
  );
  const apiKeys = new ApiKeyStore(db);
  const production = config.nodeEnv === 'production';
  try {
    await provisionKeys(apiKeys, config.access, production, logger, options.print ?? ((line) => console.log(line)));
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
  const rateLimiter = new RateLimiter(config.access.defaultRateLimit);
  const authenticator = new Authenticator(apiKeys, rateLimiter, {
    failureCacheMs: config.access.authFailureCacheMs,
    onLookup: (result) => observability.metrics.apiKeyLookups.inc({ result }),
  });
  const urlGuard = new ImageUrlGuard(config.access.imageUrlAllow);
  // The gateway's own image fetches connect only to addresses the guard would accept, checked again at connect time.
  const imageAgent = createGuardedAgent((host, port, protocol) => urlGuard.allows(host, port, protocol));
  const fetchImageBase64 = imageFetcher(imageAgent);

  const simulators: Partial<Record<Vendor, RunningSimulator>> = {};
  const adapters = {} as Record<Vendor, VendorAdapter>;
  if (dev && production) {
    logger.warn({ simulators: simulated }, `SIMULATORS=on in production: ${simulated.join(', ')} answer from simulators, never from the vendor. For a staging demo only: no real case may be decided on them`);
  }
  for (const vendor of VENDORS) {
    const module = VENDOR_MODULES[vendor];
    const setting = config.vendors[vendor];
    if (setting.config) {
      adapters[vendor] = module.createAdapter(setting.config);
      logger.info({ vendor, mode: 'vendor' }, `${vendor}: calling the vendor at its configured base URL`);
    } else {
      const simulatorModule = dev!.modules[vendor];
      const simulator = await simulatorModule.start({ faults: dev!.faults[vendor] });
      simulators[vendor] = simulator;
      adapters[vendor] = module.createAdapter(simulatorModule.adapterConfig(simulator.url, setting.timeoutMs));
      if (!production) urlGuard.allowHost(new URL(simulator.url).host);
      logger.info({ vendor, mode: 'simulator', url: simulator.url }, `${vendor}: ${module.baseUrlVariable} unset, using the in-process simulator`);
    }
  }

  // Each attempt is traced and measured; retries, the breaker and 429 hold-offs sit in front of them.
  const resilience = new VendorResilience(config.resilience);
  registerResilienceMetrics(observability.metrics.registry, resilience);
  for (const vendor of VENDORS) adapters[vendor] = resilience.wrap(observability.instrument(adapters[vendor]));

  const replica = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const deadlineMs = config.verificationTimeoutMs;
  const verifier = new Verifier({
    routing,
    adapters,
    fetchImageBase64,
    policies,
    store,
    deadlineMs,
    pollBaseMs: config.pendingPollBaseMs,
    onVerified: (record) => observability.metrics.verifications.inc({ outcome: record.decisions[0]!.outcome }),
  });
  const refresher = new PendingRefresher({
    adapters,
    policies,
    store,
    polls,
    deadlineMs,
    pollBaseMs: config.pendingPollBaseMs,
    maxWaitMs: config.pendingMaxWaitMs,
    replica,
  });
  const poller = new PendingPoller(polls, refresher, {
    replica,
    intervalMs: config.pendingPollIntervalMs,
    leaseMs: deadlineMs * 2,
    batch: 10,
    logger,
  });

  const schema = await buildGatewaySchema(
    { verifier, store, refresher, polls, urlGuard, policies, policyArchive, vendorHealth: resilience, simulated },
    { sdlNeedsScope: production },
  );
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The parser stops past this many tokens (QUERY_TOO_MANY_TOKENS): validation's cost grows with
    // them (faster than linearly for fields that must be merged), on the shared event loop.
    parseOptions: { maxTokens: config.access.maxQueryTokens },
    // Shutdown is ours (Gateway.close, on SIGTERM in the CLI): it drains requests before Apollo stops.
    stopOnTerminationSignals: false,
    // Production names no schema field, argument or type a client did not send ("Did you mean …?"):
    // validation computes no suggestions, and the formatter drops those of variable coercion.
    validationOptions: { hideSuggestions: production },
    formatError: createErrorFormatter((error) => logger.error({ err: errorSummary(error) }, 'internal error hidden from client'), {
      hideSuggestions: production,
    }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No field carries a cache hint and no answer may be cached (the HTTP server sends no-store);
      // the plugin would otherwise hook every field of every operation to compute a policy of "none".
      ApolloServerPluginCacheControlDisabled(),
      operationSpanPlugin(),
      depthLimit(config.access.maxQueryDepth),
      complexityLimit(schema, config.access.maxQueryComplexity),
      // Takes its tokens only once the checks above have passed (responseForOperation).
      verificationRateLimit(rateLimiter),
    ],
  });
  await apollo.start();

  const server = createGatewayHttpServer({
    apollo,
    logger,
    samples: dev && !production ? dev.sampleJpeg : null,
    bodyBudget: new BodyBudget(config.resilience.bodyBudgetBytes, undefined, config.resilience.bodyBudgetPerKeyBytes),
    bodyTimeoutMs: config.resilience.bodyTimeoutMs,
    connections: config.http,
    maxQueryBytes: config.access.maxQueryBytes,
    routes: gatewayRoutes({
      registry: observability.metrics.registry,
      readiness: {
        db,
        policies,
        vendorModes: Object.fromEntries(VENDORS.map((v) => [v, config.vendors[v].config ? 'vendor' : simulators[v] ? 'simulator' : undefined])),
        closing: () => shuttingDown,
      },
      playground: !production,
      baseUrl: () => url,
      schema,
    }),
    onResponse: observability.onResponse,
    traceGraphQL: observability.traceGraphQL,
    authenticate: (headers) => authenticator.authenticate(headers),
    createContext: async (requestId, headers, authenticated) => {
      // A large body's caller was authenticated before it was read: once, so one rate-limit token.
      const principal = authenticated ?? (await authenticator.authenticate(headers));
      return {
        requestId,
        principal,
        // Not tied to the client's connection: a verification whose client went away still completes
        // and is stored whole, so the client's retry with the same caseNo gets the real answer.
        verification: verifier.session(principal.keyId, callerTraceHeaders(headers)),
        loaders: createCaseLoaders(store),
      };
    },
  });
  /** Everything opened above, closed in order (after the server stopped, or when it never listened). */
  const release = async () => {
    await apollo.stop();
    await Promise.all(Object.values(adapters).map((a) => a.close()));
    await imageAgent.close();
    await Promise.all(Object.values(simulators).map((s) => s.close()));
    if (!options.db) await db.close();
    await observability.tracing.shutdown();
  };
  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    // Nothing is served: give back what was opened, for a caller that runs the gateway in-process.
    await release();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (!production) urlGuard.allowHost(`${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`, `localhost:${port}`);
  poller.start();
  const policyWatcher = new PolicyWatcher({
    file: join(config.rulesDir, 'policy.json'),
    holder: policies,
    record: (policy) => policyArchive.record(policy),
    logger,
    onResult: (result) => result !== 'unchanged' && observability.metrics.policyReloads.inc({ result: result === 'swapped' ? 'success' : 'failure' }),
  });
  policyWatcher.start();
  logger.info({ url: `${url}/graphql`, replica }, 'gateway listening');

  let closing: Promise<void> | null = null;
  let shuttingDown = false;
  return {
    url,
    config,
    db,
    store,
    policies,
    poller,
    simulators,
    metrics: observability.metrics,
    close: () =>
      (closing ??= (async () => {
        shuttingDown = true;
        await policyWatcher.close();
        // In-flight verifications end within their deadline; the margin covers storing the case.
        await Promise.all([closeGracefully(server, deadlineMs + 5_000), poller.stop()]);
        await release();
      })()),
  };
}

/** The development-only simulator registry, its faults (SIMULATOR_FAULTS) and sample images. */
async function loadSimulators(faultsText: string | null) {
  const [{ SIMULATOR_MODULES }, { readSimulatorFaults }, { sampleJpeg }] = await Promise.all([
    import('./simulators/registry'),
    import('./simulators/faults-config'),
    import('./simulators/sample-image'),
  ]);
  const faults = readSimulatorFaults(faultsText === null ? {} : { SIMULATOR_FAULTS: faultsText });
  return { modules: SIMULATOR_MODULES, faults, sampleJpeg };
}
