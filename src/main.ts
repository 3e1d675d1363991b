import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayConfig } from './config/config';
import { loadPolicyFile } from './decision/policy';
import { PolicyHolder } from './decision/policy-holder';
import type { GatewayContext } from './graphql/context';
import { createErrorFormatter } from './graphql/errors';
import { createCaseLoaders } from './graphql/loaders';
import { buildGatewaySchema } from './graphql/schema';
import { createGatewayHttpServer, errorSummary } from './http/gateway-http-server';
import { createLogger, type Logger } from './logging/logger';
import { PendingPoller } from './orchestration/pending-poller';
import { PendingRefresher } from './orchestration/pending-refresher';
import { Routing } from './orchestration/routing';
import { createVendorLoader } from './orchestration/vendor-loader';
import { Verifier } from './orchestration/verifier';
import { VENDORS, type Vendor } from './signals/model';
import type { Database } from './store/database';
import { IdentityStore } from './store/identity-store';
import { openDatabase } from './store/open-database';
import { PendingPolls } from './store/pending-polls';
import { VENDOR_MODULES } from './vendors/registry';
import type { RunningSimulator, VendorAdapter } from './vendors/vendor';

export interface Gateway {
  url: string;
  config: GatewayConfig;
  db: Database;
  store: IdentityStore;
  policies: PolicyHolder;
  poller: PendingPoller;
  /** Simulators started in-process for vendors whose base URL is not configured. */
  simulators: Partial<Record<Vendor, RunningSimulator>>;
  close(): Promise<void>;
}

export interface GatewayOptions {
  logger?: Logger;
  /** Use this database instead of opening the configured one (tests sharing one PGlite). */
  db?: Database;
}

/** The composition root: config → store → simulators/adapters → policy → schema → HTTP. Nothing else wires. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger();
  const routing = Routing.load(config.rulesDir);
  const policies = new PolicyHolder(loadPolicyFile(join(config.rulesDir, 'policy.json')));
  const db = options.db ?? (await openDatabase(config.databaseUrl, config.dataDir));
  logger.info({ database: db.kind }, db.kind === 'pglite' ? `embedded PostgreSQL (PGlite) ${config.databaseUrl ?? `under ${config.dataDir}`}` : 'PostgreSQL server');
  const store = new IdentityStore(db);
  const polls = new PendingPolls(db);

  const simulators: Partial<Record<Vendor, RunningSimulator>> = {};
  const adapters = {} as Record<Vendor, VendorAdapter>;
  for (const vendor of VENDORS) {
    const module = VENDOR_MODULES[vendor];
    const setting = config.vendors[vendor];
    if (setting.config) {
      adapters[vendor] = module.createAdapter(setting.config);
      logger.info({ vendor, mode: 'vendor' }, `${vendor}: calling the vendor at its configured base URL`);
    } else {
      const simulator = await module.startSimulator();
      simulators[vendor] = simulator;
      adapters[vendor] = module.createAdapter(module.simulatorConfig(simulator.url, setting.timeoutMs));
      logger.info({ vendor, mode: 'simulator', url: simulator.url }, `${vendor}: ${module.baseUrlVariable} unset, using the in-process simulator`);
    }
  }

  const replica = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const deadlineMs = config.verificationTimeoutMs;
  const verifier = new Verifier({ routing: () => routing, adapters, policies, store, deadlineMs, pollBaseMs: config.pendingPollBaseMs });
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

  const schema = await buildGatewaySchema({ verifier, store, refresher, polls });
  const production = config.nodeEnv === 'production';
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: createErrorFormatter((error) => logger.error({ err: errorSummary(error) }, 'internal error hidden from client')),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const server = createGatewayHttpServer({
    apollo,
    logger,
    serveSamples: !production,
    createContext: (requestId, signal) => ({
      requestId,
      owner: 'anonymous',
      vendorLoader: createVendorLoader({ adapters, deadlineMs, signal }),
      loaders: createCaseLoaders(store),
    }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  poller.start();
  logger.info({ url: `${url}/graphql`, replica }, 'gateway listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    config,
    db,
    store,
    policies,
    poller,
    simulators,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await poller.stop();
        await apollo.stop();
        await Promise.all(Object.values(adapters).map((a) => a.close()));
        await Promise.all(Object.values(simulators).map((s) => s.close()));
        if (!options.db) await db.close();
      })()),
  };
}
