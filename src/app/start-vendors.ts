import type { GatewayConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import type { Observability } from '../observability/observability';
import type { ImageUrlGuard } from '../orchestration/url-guard';
import type { Vendor } from '../signals/model';
import { VENDORS } from '../vendors/registry';
import type { RunningSimulator } from '../simulators/simulator';
import { VENDOR_MODULES } from '../vendors/registry';
import { registerResilienceMetrics } from '../vendors/resilience/resilience-metrics';
import { VendorResilience } from '../vendors/resilience/vendor-resilience';
import type { CommonVendorConfig, VendorAdapter } from '../vendors/vendor';
import type { DisposalStack } from './disposal-stack';
import type { Simulation } from './load-simulation';

/** One adapter per vendor, each traced, measured and behind retries, the breaker and 429 hold-offs. */
export interface StartedVendors {
  readonly adapters: Readonly<Record<Vendor, VendorAdapter>>;
  /** Simulators started in-process for vendors whose base URL is not configured. */
  readonly simulators: Partial<Record<Vendor, RunningSimulator>>;
  readonly resilience: VendorResilience;
}

export interface StartVendorsDeps {
  config: GatewayConfig;
  logger: Logger;
  stack: DisposalStack;
  /** Null when every vendor's base URL is configured. */
  simulation: Simulation | null;
  /** In development the simulators' own hosts are allowed as image URLs (their sample images). */
  urlGuard: ImageUrlGuard;
  observability: Observability;
}

/** Creates every vendor's adapter, starting a simulator first for each vendor that has no base URL. */
export async function startVendors(deps: StartVendorsDeps): Promise<StartedVendors> {
  const { config, logger, simulation } = deps;
  if (simulation && config.nodeEnv === 'production') {
    logger.warn(
      { simulators: simulation.simulated },
      `SIMULATORS=on in production: ${simulation.simulated.join(', ')} answer from simulators, never from the vendor. For a staging demo only: no real case may be decided on them`,
    );
  }
  const simulators: Partial<Record<Vendor, RunningSimulator>> = {};
  const adapters = {} as Record<Vendor, VendorAdapter>;
  for (const vendor of VENDORS) {
    const setting = config.vendors[vendor];
    let adapter: VendorAdapter;
    if (setting.config) {
      adapter = callVendor(vendor, setting.config, logger);
    } else {
      const simulator = await startSimulator(vendor, deps);
      simulators[vendor] = simulator;
      adapter = callSimulator(vendor, simulator, deps);
    }
    adapters[vendor] = deps.stack.use(`${vendor} adapter`, adapter, (opened) => opened.close());
  }
  // Each attempt is traced and measured; retries, the breaker and 429 hold-offs sit in front of them.
  const resilience = new VendorResilience(config.resilience);
  registerResilienceMetrics(deps.observability.metrics.registry, resilience);
  for (const vendor of VENDORS) adapters[vendor] = resilience.wrap(deps.observability.instrument(adapters[vendor]));
  return { adapters, simulators, resilience };
}

function callVendor(vendor: Vendor, config: CommonVendorConfig, logger: Logger): VendorAdapter {
  logger.info({ vendor, mode: 'vendor' }, `${vendor}: calling the vendor at its configured base URL`);
  return VENDOR_MODULES[vendor].createAdapter(config);
}

/** Starts `vendor`'s simulator, registered on the stack as soon as it listens. */
async function startSimulator(vendor: Vendor, { simulation, stack }: StartVendorsDeps): Promise<RunningSimulator> {
  const simulator = await simulation!.modules[vendor].start({ faults: simulation!.faults[vendor] });
  return stack.use(`${vendor} simulator`, simulator, (started) => started.close());
}

function callSimulator(vendor: Vendor, simulator: RunningSimulator, { config, logger, simulation, urlGuard }: StartVendorsDeps): VendorAdapter {
  const module = VENDOR_MODULES[vendor];
  if (config.nodeEnv !== 'production') urlGuard.allowHost(new URL(simulator.url).host);
  logger.info({ vendor, mode: 'simulator', url: simulator.url }, `${vendor}: ${module.baseUrlVariable} unset, using the in-process simulator`);
  return module.createAdapter(simulation!.modules[vendor].adapterConfig(simulator.url, config.vendors[vendor].timeoutMs));
}
