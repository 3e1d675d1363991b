import type { Vendor } from '../signals/model';
import type { CommonVendorConfig } from '../vendors/vendor';
import type { SimulatorFaults } from './faults';

/** A running vendor simulator: a real HTTP server on loopback. */
export interface RunningSimulator {
  readonly vendor: Vendor;
  readonly url: string;
  /** Vendor API requests answered so far (sample-image requests excluded): lets tests prove a vendor was not called. */
  readonly requestCount: number;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Added latency before every vendor answer, in ms (benchmarks, demos of the parallel fan-out). */
  delayMs?: number;
  /** Injected faults (errors, 5xx, 429, hangs, garbage, slow or dropped bodies, jittered latency). */
  faults?: SimulatorFaults;
}

/**
 * A vendor's simulator as development, tests and benchmarks start it: production code never imports
 * this (the gateway loads the simulator registry only when simulators are allowed). `C` is the
 * vendor adapter's configuration.
 */
export interface SimulatorModule<C extends CommonVendorConfig = CommonVendorConfig> {
  readonly vendor: Vendor;
  start(options?: SimulatorOptions): Promise<RunningSimulator>;
  /** The adapter configuration that talks to this simulator listening at `baseUrl`, with its credentials. */
  adapterConfig(baseUrl: string, timeoutMs: number): C;
  /** The gateway variables (base URL, credentials) that point a gateway elsewhere at this simulator. */
  gatewayEnv(baseUrl: string): Record<string, string>;
}
