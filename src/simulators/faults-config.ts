import { VENDORS } from '../vendors/registry';
import { type Vendor } from '../signals/model';
import { ConfigError } from '../config/config-error';
import { optionalVar } from '../config/env-readers';
import { FAULT_RATES, FAULT_SETTINGS, type SimulatorFaults } from './faults';
import { VENDOR_SLUGS } from './scenario';

const VARIABLE = 'SIMULATOR_FAULTS';

/**
 * SIMULATOR_FAULTS: faults the simulators inject, as JSON keyed by vendor (`HUAWEI_OCR` or its scenario
 * prefix `huawei`) or `*` for every vendor, e.g. `{"*":{"serverErrorRate":0.1},"innov8tif":{"timeoutRate":1}}`.
 * A vendor's own entry is laid over `*`. Unset: no faults. A bad value stops the start naming the variable.
 */
export function readSimulatorFaults(env: NodeJS.ProcessEnv): Partial<Record<Vendor, SimulatorFaults>> {
  const text = optionalVar(env, VARIABLE);
  if (text === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(VARIABLE, 'is not valid JSON');
  }
  if (!isObject(parsed)) throw new ConfigError(VARIABLE, 'must be a JSON object keyed by vendor or "*"');
  const byVendor = new Map<string, Vendor>(
    VENDORS.flatMap(
      (v) =>
        [
          [v, v],
          [VENDOR_SLUGS[v], v],
        ] as Array<[string, Vendor]>,
    ),
  );
  let common: SimulatorFaults = {};
  const own: Partial<Record<Vendor, SimulatorFaults>> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '*') {
      common = readFaults(key, value);
      continue;
    }
    const vendor = byVendor.get(key) ?? byVendor.get(key.toUpperCase());
    if (!vendor) throw new ConfigError(VARIABLE, `unknown vendor "${key}" (use a vendor name, its scenario prefix, or "*")`);
    own[vendor] = readFaults(key, value);
  }
  const result: Partial<Record<Vendor, SimulatorFaults>> = {};
  for (const vendor of VENDORS) {
    const merged = { ...common, ...own[vendor] };
    if (Object.keys(merged).length === 0) continue;
    const total = FAULT_RATES.reduce((sum, [rate]) => sum + (merged[rate] ?? 0), 0);
    if (total > 1 + 1e-9) throw new ConfigError(VARIABLE, `the fault rates of ${vendor} add up to more than 1`);
    result[vendor] = merged;
  }
  return result;
}

function readFaults(key: string, value: unknown): SimulatorFaults {
  if (!isObject(value)) throw new ConfigError(VARIABLE, `"${key}" must be an object of fault settings`);
  const rates = new Set<string>(FAULT_RATES.map(([rate]) => rate));
  const settings = new Set<string>(FAULT_SETTINGS);
  const faults: Record<string, number> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (!rates.has(name) && !settings.has(name)) throw new ConfigError(VARIABLE, `"${key}" has an unknown setting "${name}"`);
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) throw new ConfigError(VARIABLE, `"${key}.${name}" must be a number ≥ 0`);
    if (rates.has(name) && raw > 1) throw new ConfigError(VARIABLE, `"${key}.${name}" is a rate from 0 to 1`);
    faults[name] = raw;
  }
  return faults as SimulatorFaults;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
