import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { buildApi } from './app/build-api';
import { DisposalError, DisposalStack } from './app/disposal-stack';
import { loadSimulation, type Simulation } from './app/load-simulation';
import { openStore, type OpenedStore } from './app/open-store';
import { serve } from './app/serve';
import { startVendors, type StartedVendors } from './app/start-vendors';
import type { GatewayConfig } from './config/config';
import { loadPolicyFile } from './decision/authoring/policy-loader';
import { PolicyHolder } from './decision/engine/policy-holder';
import { errorSummary } from './http/gateway-http-server';
import { createLogger, type Logger } from './logging/logger';
import type { GatewayMetrics } from './observability/metrics';
import { createObservability, type Observability } from './observability/observability';
import { PendingPoller } from './orchestration/pending-poller';
import { PendingRefresher } from './orchestration/pending-refresher';
import { Routing } from './orchestration/routing';
import { ImageUrlGuard } from './orchestration/url-guard';
import { createGuardedAgent } from './orchestration/guarded-agent';
import { imageFetcher } from './orchestration/image-fetcher';
import { Verifier } from './orchestration/verifier';
import type { Vendor } from './signals/model';
import type { RunningSimulator } from './simulators/simulator';
import type { Database } from './store/database';
import type { VendorCallContext } from './vendors/vendor';
import type { IdentityStore } from './store/identity-store';

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
  /**
   * Graceful: stops accepting, lets in-flight requests finish, then releases the rest in the reverse
   * order it was opened (the database among the last). Rejects with a DisposalError naming what could
   * not be released; everything else was. Calling it again returns the same shutdown.
   */
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

/** The rules a gateway decides with, read from RULES_DIR before anything is opened. */
interface Rules {
  routing: Routing;
  policies: PolicyHolder;
}

/**
 * The composition root: config → store → vendors → API → HTTP. Nothing else wires. Every resource is
 * registered on one disposal stack the moment it is open; a failure at any step unwinds it (and the
 * step's own error is what rejects), and so does Gateway.close.
 */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger();
  // Read first: a mistake in the rules or in SIMULATOR_FAULTS leaves nothing to release.
  const rules: Rules = {
    routing: Routing.load(config.rulesDir),
    policies: new PolicyHolder(loadPolicyFile(join(config.rulesDir, 'policy.json'))),
  };
  const simulation = await loadSimulation(config);
  const stack = new DisposalStack(logger);
  try {
    return await openGateway(config, options, logger, stack, rules, simulation);
  } catch (error) {
    return await stack.unwindAfter(error, (failure) => logger.error({ resource: failure.resource, err: errorSummary(failure.error) }, 'could not release after the failed start'));
  }
}

/** The four steps, each registering what it opens on `stack`: open store, start vendors, build API, serve. */
async function openGateway(config: GatewayConfig, options: GatewayOptions, logger: Logger, stack: DisposalStack, rules: Rules, simulation: Simulation | null): Promise<Gateway> {
  const { policies } = rules;
  const opened = await openStore(config, policies, { db: options.db, print: options.print ?? ((line) => console.log(line)) }, logger, stack);
  const observability = openObservability(config, opened, policies, stack, options.traceExporter);
  const urlGuard = new ImageUrlGuard(config.access.imageUrlAllow);
  const vendors = await startVendors({ config, logger, stack, simulation, urlGuard, observability });
  const fetchImageBase64 = openImageFetcher(urlGuard, stack);
  const work = wireOrchestration(config, rules, opened, vendors, fetchImageBase64, observability, logger);
  const { store, polls, policyArchive } = opened;
  const api = await buildApi({
    config,
    logger,
    stack,
    services: {
      verifier: work.verifier,
      store,
      refresher: work.refresher,
      polls,
      urlGuard,
      policies,
      policyArchive,
      vendorHealth: vendors.resilience,
      simulated: simulation?.simulated ?? [],
    },
    apiKeys: opened.apiKeys,
    metrics: observability.metrics,
  });
  const url = await serve({
    config,
    logger,
    stack,
    api,
    observability,
    db: opened.db,
    policies,
    policyArchive,
    simulators: vendors.simulators,
    samples: simulation?.sampleJpeg ?? null,
    urlGuard,
    poller: work.poller,
    replica: work.replica,
    deadlineMs: work.deadlineMs,
  });
  const { db } = opened;
  return { url, config, db, store, policies, poller: work.poller, simulators: vendors.simulators, metrics: observability.metrics, close: () => closeAll(stack) };
}

/** Metrics and tracing; tracing is flushed and shut down once everything opened after it was released. */
function openObservability(config: GatewayConfig, opened: OpenedStore, policies: PolicyHolder, stack: DisposalStack, exporter?: SpanExporter): Observability {
  const observability = createObservability(config.tracing, { pendingCases: () => opened.polls.count(), policyVersion: () => policies.policy.version }, exporter);
  stack.defer('tracing', () => observability.tracing.shutdown());
  return observability;
}

async function closeAll(stack: DisposalStack): Promise<void> {
  const failures = await stack.unwind();
  if (failures.length > 0) throw new DisposalError(failures);
}

/** The verification pipeline and the background re-poll of pending cases (the poller starts when the gateway serves). */
/** The gateway's own image fetches (for vendors that take bytes only): they connect only to addresses the guard accepts, checked again at connect time. */
function openImageFetcher(urlGuard: ImageUrlGuard, stack: DisposalStack): VendorCallContext['fetchImageBase64'] {
  const agent = stack.use(
    'image agent',
    createGuardedAgent((host, port, protocol) => urlGuard.allows(host, port, protocol)),
    (opened) => opened.close(),
  );
  return imageFetcher(agent);
}

function wireOrchestration(
  config: GatewayConfig,
  rules: Rules,
  opened: OpenedStore,
  vendors: StartedVendors,
  fetchImageBase64: VendorCallContext['fetchImageBase64'],
  observability: Observability,
  logger: Logger,
) {
  const { routing, policies } = rules;
  const { store, polls } = opened;
  const { adapters } = vendors;
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
  return { verifier, refresher, poller, replica, deadlineMs };
}
