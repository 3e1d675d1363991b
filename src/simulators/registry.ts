import type { Vendor } from '../signals/model';
import { VENDOR_MODULES, VENDORS } from '../vendors/registry';
import type { SimulatorModule } from './simulator';

/**
 * Every vendor's simulator, for development, tests, benchmarks and `npm run simulators`, loaded
 * through each vendor module's `loadSimulator`. Production code never imports this: the gateway
 * loads it dynamically, and only when simulators are allowed.
 */
export const SIMULATOR_MODULES: Readonly<Record<Vendor, SimulatorModule>> = Object.fromEntries(
  await Promise.all(VENDORS.map(async (vendor) => [vendor, await VENDOR_MODULES[vendor].loadSimulator()] as const)),
) as Record<Vendor, SimulatorModule>;
