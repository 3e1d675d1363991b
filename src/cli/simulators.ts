import { ConfigError } from '../config/config-error';
import { readSimulatorFaults } from '../simulators/faults-config';
import { SCENARIOS, VENDOR_SLUGS } from '../simulators/scenario';
import { VENDOR_MODULES, VENDORS } from '../vendors/registry';
import { DisposalStack } from '../app/disposal-stack';
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

// Each simulator is registered as it listens: one that fails to start (its port taken) stops the others.
const running = new DisposalStack();
try {
  for (const [i, vendor] of VENDORS.entries()) {
    const module = VENDOR_MODULES[vendor];
    const simulator = running.use(vendor, await SIMULATOR_MODULES[vendor].start({ host, port: basePort + i, delayMs, faults: faults[vendor] }), (started) => started.close());
    const faulted = faults[vendor] ? `   faults ${JSON.stringify(faults[vendor])}` : '';
    console.log(`${vendor.padEnd(18)} ${module.baseUrlVariable}=${simulator.url}   (scenario prefix "${VENDOR_SLUGS[vendor]}:")${faulted}`);
  }
} catch (error) {
  await running.unwindAfter(error, ({ resource }) => console.error(`${resource} simulator did not stop`));
}
console.log('\nScenarios (image URL ?scenario=<name>, /samples/<name>.jpg, or ADVANCE.AI signatureId):');
for (const [name, meaning] of Object.entries(SCENARIOS)) console.log(`  ${name.padEnd(16)} ${meaning}`);
console.log('\nSimulator credentials are in src/simulators/<vendor>/credentials.ts. Ctrl-C stops.');

const stop = async () => {
  const failures = await running.unwind();
  process.exit(failures.length === 0 ? 0 : 1);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
