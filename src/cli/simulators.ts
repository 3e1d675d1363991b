import { ConfigError } from '../config/config-error';
import { readSimulatorFaults } from '../simulators/faults-config';
import { SCENARIOS, VENDOR_SLUGS } from '../simulators/scenario';
import { VENDOR_MODULES, VENDORS } from '../vendors/registry';
import type { RunningSimulator } from '../simulators/simulator';
import { SIMULATOR_MODULES } from '../simulators/registry';

/**
 * `npm run simulators`: starts every vendor simulator alone, on fixed ports from
 * SIMULATOR_BASE_PORT (default 4101), and prints the base URL to configure for each.
 */
const host = process.env.SIMULATOR_HOST ?? '127.0.0.1';
const basePort = Number(process.env.SIMULATOR_BASE_PORT ?? 4101);
const delayMs = Number(process.env.SIMULATOR_DELAY_MS ?? 0);
let faults;
try {
  faults = readSimulatorFaults(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(2);
}

const running: RunningSimulator[] = [];
for (const [i, vendor] of VENDORS.entries()) {
  const module = VENDOR_MODULES[vendor];
  const simulator = await SIMULATOR_MODULES[vendor].start({ host, port: basePort + i, delayMs, faults: faults[vendor] });
  running.push(simulator);
  const faulted = faults[vendor] ? `   faults ${JSON.stringify(faults[vendor])}` : '';
  console.log(`${vendor.padEnd(18)} ${module.baseUrlVariable}=${simulator.url}   (scenario prefix "${VENDOR_SLUGS[vendor]}:")${faulted}`);
}
console.log('\nScenarios (image URL ?scenario=<name>, /samples/<name>.jpg, or ADVANCE.AI signatureId):');
for (const [name, meaning] of Object.entries(SCENARIOS)) console.log(`  ${name.padEnd(16)} ${meaning}`);
console.log('\nSimulator credentials are in src/simulators/<vendor>/credentials.ts. Ctrl-C stops.');

const stop = async () => {
  await Promise.all(running.map((s) => s.close()));
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
