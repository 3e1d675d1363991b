import type { Vendor } from '../signals/model';
import { VENDOR_MODULES, VENDORS } from '../vendors/registry';
import type { CommonVendorConfig } from '../vendors/vendor';
import { loadAccessConfig, type AccessConfig } from './access-config';
import { ConfigError } from './config-error';
import { optionalVar, positiveIntVar } from './env-readers';
import { readHttpServerConfig, type HttpServerConfig } from './http-server-config';
import { readTracingConfig, type TracingConfig } from './tracing-config';
import { readResilienceConfig, type ResilienceConfig } from './resilience-config';

export interface VendorSetting {
  /** The adapter's configuration for a real vendor; null means "served by the in-process simulator". */
  config: CommonVendorConfig | null;
  timeoutMs: number;
}

/** The gateway's configuration, read and checked once at start-up (CONTRACTS.md section 1). */
export interface GatewayConfig {
  port: number;
  host: string;
  rulesDir: string;
  databaseUrl: string | null;
  /** A statement on a PostgreSQL server that has not answered by then fails (a stalled connection). */
  databaseQueryTimeoutMs: number;
  dataDir: string;
  nodeEnv: 'development' | 'production' | 'test';
  vendorTimeoutMs: number;
  /** Overall deadline of one verification: vendors still running then are TIMEOUT. */
  verificationTimeoutMs: number;
  /** How often this replica looks for pending cases that are due. */
  pendingPollIntervalMs: number;
  /** First re-poll of a pending case after this long; then exponential backoff up to a minute. */
  pendingPollBaseMs: number;
  /** Stop waiting for a pending vendor after this long (the vendor's own limit is an hour). */
  pendingMaxWaitMs: number;
  vendors: Record<Vendor, VendorSetting>;
  /** OpenTelemetry span export (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing: TracingConfig;
  /** API keys, rate limits, query limits, image URL guard. */
  access: AccessConfig;
  /** Retries, backoff and circuit breakers in front of every vendor. */
  resilience: ResilienceConfig;
  /** Header and keep-alive timeouts and the connection cap of the HTTP server. */
  http: HttpServerConfig;
  /**
   * Whether vendors without a base URL are served by in-process simulators (SIMULATORS: on by default
   * in development and test, off in production, where `on` is for a staging demo only).
   */
  simulators: boolean;
  /** SIMULATOR_FAULTS as given: faults the in-process simulators inject, read when they start. */
  simulatorFaults: string | null;
}

/** `<VENDOR>_TIMEOUT_MS` by enum name (ADVANCE_AI_TIMEOUT_MS) or by the vendor's variable prefix (ADVANCE_TIMEOUT_MS). */
function vendorTimeoutVariables(vendor: Vendor): string[] {
  const prefix = VENDOR_MODULES[vendor].baseUrlVariable.replace(/_BASE_URL$/, '');
  return [...new Set([`${vendor}_TIMEOUT_MS`, `${prefix}_TIMEOUT_MS`])];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const port = optionalVar(env, 'PORT');
  if (port !== null && (!/^\d+$/.test(port) || Number(port) > 65535)) throw new ConfigError('PORT', 'must be a port number (0..65535)');

  const nodeEnv = optionalVar(env, 'NODE_ENV') ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    throw new ConfigError('NODE_ENV', 'must be development, production or test');
  }

  const logLevel = optionalVar(env, 'LOG_LEVEL');
  if (logLevel !== null && !['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', 'must be one of fatal, error, warn, info, debug, trace, silent');
  }

  const databaseUrl = optionalVar(env, 'DATABASE_URL');
  if (databaseUrl !== null && !/^(memory:\/\/|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be memory:// or a postgres:// URL');
  }

  const vendorTimeoutMs = positiveIntVar(env, 'VENDOR_TIMEOUT_MS', 10_000);
  const vendors = {} as Record<Vendor, VendorSetting>;
  for (const vendor of VENDORS) {
    let timeoutMs = vendorTimeoutMs;
    for (const variable of vendorTimeoutVariables(vendor)) timeoutMs = positiveIntVar(env, variable, timeoutMs);
    vendors[vendor] = { config: VENDOR_MODULES[vendor].readConfig(env, timeoutMs), timeoutMs };
  }

  const simulators = readSimulatorsSwitch(env, nodeEnv === 'production');
  const unconfigured = VENDORS.filter((v) => vendors[v].config === null);
  if (!simulators && unconfigured.length > 0) {
    const names = unconfigured.map((v) => VENDOR_MODULES[v].baseUrlVariable);
    const why = nodeEnv === 'production' ? 'must be set in production' : 'must be set with SIMULATORS=off';
    throw new ConfigError(names.join(', '), `${why} (each vendor's credentials too), or SIMULATORS=on to answer with simulators (a staging demo, never real cases)`);
  }

  const portNumber = port === null ? 4000 : Number(port);
  return {
    port: portNumber,
    host: optionalVar(env, 'HOST') ?? '127.0.0.1',
    rulesDir: optionalVar(env, 'RULES_DIR') ?? 'rules',
    databaseUrl,
    databaseQueryTimeoutMs: positiveIntVar(env, 'DATABASE_QUERY_TIMEOUT_MS', 10_000),
    dataDir: optionalVar(env, 'DATA_DIR') ?? '.data',
    nodeEnv,
    vendorTimeoutMs,
    verificationTimeoutMs: positiveIntVar(env, 'VERIFICATION_TIMEOUT_MS', vendorTimeoutMs + 2_000),
    pendingPollIntervalMs: positiveIntVar(env, 'PENDING_POLL_INTERVAL_MS', 1_000),
    pendingPollBaseMs: positiveIntVar(env, 'PENDING_POLL_BASE_MS', 5_000),
    pendingMaxWaitMs: positiveIntVar(env, 'PENDING_MAX_WAIT_MS', 2 * 60 * 60 * 1000),
    vendors,
    tracing: readTracingConfig(env),
    access: loadAccessConfig(env, nodeEnv !== 'production', portNumber),
    resilience: readResilienceConfig(env),
    http: readHttpServerConfig(env),
    simulators,
    simulatorFaults: optionalVar(env, 'SIMULATOR_FAULTS'),
  };
}

/** SIMULATORS=on|off; unset: off in production, on otherwise. */
function readSimulatorsSwitch(env: NodeJS.ProcessEnv, production: boolean): boolean {
  const value = optionalVar(env, 'SIMULATORS');
  if (value === null) return !production;
  if (value !== 'on' && value !== 'off') throw new ConfigError('SIMULATORS', 'must be on or off');
  return value === 'on';
}
