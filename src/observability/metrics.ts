import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where the scrape-time gauges read their values. */
export interface MetricSources {
  /** Cases waiting for a vendor's asynchronous answer (rows of pending_polls). */
  pendingCases(): Promise<number>;
  /** The active policy's version. */
  policyVersion(): string;
}

/** How long a scrape waits for the pending-cases count before reporting NaN. */
const PENDING_READ_TIMEOUT_MS = 1_000;

/** `result` label of ekyc_policy_reloads_total. */
export type PolicyReloadResult = 'success' | 'failure';

/** `kind` label of ekyc_unexpected_errors_total. */
export type UnexpectedErrorKind = 'uncaught_exception' | 'unhandled_rejection';

/**
 * The gateway's Prometheus metrics, in a registry of its own (several gateways may share a process).
 * Code elsewhere records through the typed handles below, e.g. the policy reload:
 * `metrics.policyReloads.inc({ result: 'success' })` or `{ result: 'failure' }`.
 */
export interface GatewayMetrics {
  registry: Registry;
  /** ekyc_vendor_call_duration_seconds{vendor,status}: one observation per vendor call. */
  vendorCallDuration: Histogram<'vendor' | 'status'>;
  /** ekyc_verifications_total{outcome}: new cases by their first decision (an idempotent repeat is not counted). */
  verifications: Counter<'outcome'>;
  /** ekyc_policy_reloads_total{result}: policy reload attempts, `success` or `failure`. */
  policyReloads: Counter<'result'>;
  /** ekyc_api_key_lookups_total{result}: API keys looked up in the database (cache misses), `found` or `refused`. */
  apiKeyLookups: Counter<'result'>;
  /** ekyc_http_requests_total{method,route,status}. */
  httpRequests: Counter<'method' | 'route' | 'status'>;
  /** ekyc_http_request_duration_seconds{method,route}. */
  httpRequestDuration: Histogram<'method' | 'route'>;
  /** ekyc_unexpected_errors_total{kind}: faults the serving process survived (always a bug to look at). */
  unexpectedErrors: Counter<'kind'>;
}

/** Vendor answers take tens of milliseconds to tens of seconds (deadlines default to 10 s). */
const VENDOR_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

export function createGatewayMetrics(sources: MetricSources): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter({ name, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) => new Histogram({ name, help, labelNames, buckets, registers });

  const metrics: GatewayMetrics = {
    registry,
    vendorCallDuration: histogram(
      'ekyc_vendor_call_duration_seconds',
      'Duration of vendor calls, by vendor and outcome status (OK, FAILED, TIMEOUT, PENDING).',
      ['vendor', 'status'],
      VENDOR_BUCKETS,
    ),
    verifications: counter('ekyc_verifications_total', 'Verifications that created a case, by the outcome of their first decision.', ['outcome']),
    policyReloads: counter('ekyc_policy_reloads_total', 'Policy reload attempts, by result (success, failure).', ['result']),
    apiKeyLookups: counter('ekyc_api_key_lookups_total', 'API keys looked up in the database (not answered from the caches), by result (found, refused).', ['result']),
    httpRequests: counter('ekyc_http_requests_total', 'HTTP requests answered, by method, route and status code.', ['method', 'route', 'status']),
    httpRequestDuration: histogram('ekyc_http_request_duration_seconds', 'Time to answer an HTTP request, by method and route.', ['method', 'route'], HTTP_BUCKETS),
    unexpectedErrors: counter('ekyc_unexpected_errors_total', 'Uncaught exceptions and unhandled rejections the serving process logged and survived, by kind.', ['kind']),
  };
  registerScrapeGauges(registry, sources);
  // Zero series for every known label value make rate() work from the first scrape.
  for (const result of ['success', 'failure'] satisfies PolicyReloadResult[]) metrics.policyReloads.inc({ result }, 0);
  for (const kind of ['uncaught_exception', 'unhandled_rejection'] satisfies UnexpectedErrorKind[]) metrics.unexpectedErrors.inc({ kind }, 0);
  return metrics;
}

/** The gauges whose value is read from `sources` when Prometheus scrapes. */
function registerScrapeGauges(registry: Registry, sources: MetricSources): void {
  const registers = [registry];
  new Gauge({
    name: 'ekyc_pending_cases',
    help: 'Cases waiting for a vendor that is still processing (read from the database at scrape time).',
    registers,
    async collect() {
      this.set(await pendingCasesOrNaN(sources));
    },
  });
  new Gauge({
    name: 'ekyc_policy_info',
    help: 'The active decision policy (always 1), labelled with its version.',
    labelNames: ['version'] as const,
    registers,
    collect() {
      this.reset();
      this.set({ version: sources.policyVersion() }, 1);
    },
  });
}

/**
 * The pending-cases count, or NaN (no value, not a wrong number) when the database is unreachable or
 * does not answer within PENDING_READ_TIMEOUT_MS, so the scrape still answers with every other metric.
 */
async function pendingCasesOrNaN(sources: MetricSources): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the database did not answer')), PENDING_READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([sources.pendingCases(), stalled]);
  } catch {
    return Number.NaN;
  } finally {
    clearTimeout(timer);
  }
}
