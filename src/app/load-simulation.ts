import type { GatewayConfig } from '../config/config';
import type { Vendor } from '../signals/model';
import { VENDORS } from '../vendors/registry';
import type { SimulatorFaults } from '../simulators/faults';
import type { SimulatorModule } from '../simulators/simulator';

/** The development-only simulators: which vendors they stand in for, their modules, faults and sample images. */
export interface Simulation {
  /** Vendors whose base URL is not configured, in VENDORS order. */
  readonly simulated: readonly Vendor[];
  readonly modules: Readonly<Record<Vendor, SimulatorModule>>;
  readonly faults: Partial<Record<Vendor, SimulatorFaults>>;
  readonly sampleJpeg: (scenario: string) => Buffer;
}

/**
 * Loads the simulator registry, and reads SIMULATOR_FAULTS, only when a vendor is simulated: a
 * production gateway with every vendor configured never imports a simulator (loadConfig refused
 * production without them unless SIMULATORS=on). Opens nothing.
 */
export async function loadSimulation(config: GatewayConfig): Promise<Simulation | null> {
  const simulated = VENDORS.filter((vendor) => config.vendors[vendor].config === null);
  if (simulated.length === 0) return null;
  const [{ SIMULATOR_MODULES }, { readSimulatorFaults }, { sampleJpeg }] = await Promise.all([
    import('../simulators/registry'),
    import('../simulators/faults-config'),
    import('../simulators/sample-image'),
  ]);
  const faults = readSimulatorFaults(config.simulatorFaults === null ? {} : { SIMULATOR_FAULTS: config.simulatorFaults });
  return { simulated, modules: SIMULATOR_MODULES, faults, sampleJpeg };
}
