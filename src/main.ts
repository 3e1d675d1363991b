import 'reflect-metadata';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayConfig } from './config/config';
import { loadPolicyFile } from './decision/policy';
import { PolicyHolder } from './decision/policy-holder';
import type { GatewayContext } from './graphql/context';
import { createErrorFormatter } from './graphql/errors';
import { buildGatewaySchema } from './graphql/schema';
import { createGatewayHttpServer, errorSummary } from './http/gateway-http-server';
import { createLogger, type Logger } from './logging/logger';
import { Routing } from './orchestration/routing';
import { createVendorLoader } from './orchestration/vendor-loader';
import { Verifier } from './orchestration/verifier';
import { VENDORS, type Vendor } from './signals/model';
import { MemoryIdentityStore } from './store/memory-store';
import type { IdentityStore } from './store/store';
import { VENDOR_MODULES } from './vendors/registry';
import type { RunningSimulator, VendorAdapter } from './vendors/vendor';

export interface Gateway {
  url: string;
  config: GatewayConfig;
  store: IdentityStore;
  policies: PolicyHolder;
  /** Simulators started in-process for vendors whose base URL is not configured. */
  simulators: Partial<Record<Vendor, RunningSimulator>>;
  close(): Promise<void>;
}

export interface GatewayOptions {
  logger?: Logger;
  store?: IdentityStore;
}

/** The composition root: config → simulators/adapters → policy → store → schema → HTTP. Nothing else wires. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger();
  const routing = Routing.load(config.rulesDir);
  const policies = new PolicyHolder(loadPolicyFile(join(config.rulesDir, 'policy.json')));
  const store = options.store ?? new MemoryIdentityStore();

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

  const verifier = new Verifier({ routing: () => routing, adapters, policies, store });
  const schema = await buildGatewaySchema({ verifier, store });
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
      vendorLoader: createVendorLoader({ adapters, deadlineMs: config.verificationTimeoutMs, signal }),
    }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url: `${url}/graphql` }, 'gateway listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    config,
    store,
    policies,
    simulators,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await apollo.stop();
        await Promise.all(Object.values(adapters).map((a) => a.close()));
        await Promise.all(Object.values(simulators).map((s) => s.close()));
        await store.close();
      })()),
  };
}
