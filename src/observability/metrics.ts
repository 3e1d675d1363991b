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

  const vendorCallDuration = new Histogram({
    name: 'ekyc_vendor_call_duration_seconds',
    help: 'Duration of vendor calls, by vendor and outcome status (OK, FAILED, TIMEOUT, PENDING).',
    labelNames: ['vendor', 'status'] as const,
    buckets: VENDOR_BUCKETS,
    registers,
  });
  const verifications = new Counter({
    name: 'ekyc_verifications_total',
    help: 'Verifications that created a case, by the outcome of their first decision.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const policyReloads = new Counter({
    name: 'ekyc_policy_reloads_total',
    help: 'Policy reload attempts, by result (success, failure).',
    labelNames: ['result'] as const,
    registers,
  });
  const apiKeyLookups = new Counter({
    name: 'ekyc_api_key_lookups_total',
    help: 'API keys looked up in the database (not answered from the caches), by result (found, refused).',
    labelNames: ['result'] as const,
    registers,
  });
  const httpRequests = new Counter({
    name: 'ekyc_http_requests_total',
    help: 'HTTP requests answered, by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const httpRequestDuration = new Histogram({
    name: 'ekyc_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: HTTP_BUCKETS,
    registers,
  });
  const unexpectedErrors = new Counter({
    name: 'ekyc_unexpected_errors_total',
    help: 'Uncaught exceptions and unhandled rejections the serving process logged and survived, by kind.',
    labelNames: ['kind'] as const,
    registers,
  });
  new Gauge({
    name: 'ekyc_pending_cases',
    help: 'Cases waiting for a vendor that is still processing (read from the database at scrape time).',
    registers,
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the database did not answer')), PENDING_READ_TIMEOUT_MS);
      });
      try {
        this.set(await Promise.race([sources.pendingCases(), stalled]));
      } catch {
        // The database is unreachable or stalled: NaN (no value), not a wrong number, and the scrape
        // still answers with every other metric.
        this.set(Number.NaN);
      } finally {
        clearTimeout(timer);
      }
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
  // Zero series for every known label value make rate() work from the first scrape.
  for (const result of ['success', 'failure'] satisfies PolicyReloadResult[]) policyReloads.inc({ result }, 0);
  for (const kind of ['uncaught_exception', 'unhandled_rejection'] satisfies UnexpectedErrorKind[]) unexpectedErrors.inc({ kind }, 0);

  return { registry, vendorCallDuration, verifications, policyReloads, apiKeyLookups, httpRequests, httpRequestDuration, unexpectedErrors };
}

