import { advanceAiModule } from './advance-ai/module';
import { computervisionVnModule } from './computervision-vn/module';
import { huaweiOcrModule } from './huawei-ocr/module';
import { innov8tifModule } from './innov8tif/module';
import type { VendorModule } from './vendor';
import { verihubsModule } from './verihubs/module';

/**
 * The one list of vendors the gateway knows, in the order of the GraphQL `Vendor` enum. Adding a
 * vendor: its folder (README "Adding a vendor"), and one line here. Every other list of vendors (ids,
 * slugs, retryable codes, simulators, credentials for the simulators) is derived from this one.
 */
const MODULES = [innov8tifModule, advanceAiModule, huaweiOcrModule, computervisionVnModule, verihubsModule] as const;

/** A vendor's id, as the GraphQL `Vendor` enum spells it. */
export type Vendor = (typeof MODULES)[number]['vendor'];

const LIST: readonly VendorModule[] = MODULES;

export const VENDORS: readonly Vendor[] = LIST.map((module) => module.vendor);

export const VENDOR_MODULES = Object.fromEntries(LIST.map((module) => [module.vendor, module])) as Readonly<Record<Vendor, VendorModule>>;

/** One value per vendor, in registry order. */
export function byVendor<T>(value: (module: VendorModule) => T): Record<Vendor, T> {
  return Object.fromEntries(VENDORS.map((vendor) => [vendor, value(VENDOR_MODULES[vendor])])) as Record<Vendor, T>;
}
