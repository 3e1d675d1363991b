import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_MODULES } from '../../src/simulators/registry';
import { sampleJpeg } from '../../src/simulators/sample-image';
import type { RunningSimulator } from '../../src/simulators/simulator';
import { classifyAttempt } from '../../src/vendors/resilience/attempt-class';
import { observationOf } from '../../src/vendors/resilience/attempt-probe';
import { VENDOR_MODULES, VENDORS } from '../../src/vendors/registry';
import type { ImageRef, VendorAdapter, VendorCallContext, VerificationRequest } from '../../src/vendors/vendor';

/**
 * The contract every registered vendor meets, run over the registry: a vendor gets these tests by
 * being registered. Each vendor's own tests cover what its page says beyond this.
 */

function image(scenario: string): ImageRef {
  const bytes = sampleJpeg(scenario);
  return { kind: 'base64', base64: bytes.toString('base64'), mime: 'image/jpeg', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A request carrying every input a vendor may read, each selecting `scenario` in the simulators. */
function requestFor(scenario: string): VerificationRequest {
  return { caseNo: `CONFORM-${scenario}`, country: 'KH', documentType: 'NATIONAL_ID', documentFront: image(scenario), documentBack: image(scenario), faceSignatureId: scenario };
}

const NO_INPUT: VerificationRequest = { caseNo: 'CONFORM-NONE', country: 'KH', documentType: 'NATIONAL_ID', documentFront: null, documentBack: null, faceSignatureId: null };

const context: VendorCallContext = {
  signal: new AbortController().signal,
  fetchImageBase64: () => Promise.reject(new Error('the conformance requests carry base64 images only')),
};

describe('the registry', () => {
  it('lists each vendor once, under its own id, with a distinct slug and base URL variable', () => {
    expect(new Set(VENDORS).size).toBe(VENDORS.length);
    for (const vendor of VENDORS) expect(VENDOR_MODULES[vendor].vendor).toBe(vendor);
    const slugs = VENDORS.map((v) => VENDOR_MODULES[v].slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z][a-z0-9]*$/);
    const variables = VENDORS.map((v) => VENDOR_MODULES[v].baseUrlVariable);
    expect(new Set(variables).size).toBe(variables.length);
    for (const variable of variables) expect(variable).toMatch(/^[A-Z][A-Z0-9_]*_BASE_URL$/);
  });

  it('has a simulator for every vendor, each speaking for its own vendor', () => {
    expect(Object.keys(SIMULATOR_MODULES).sort()).toEqual([...VENDORS].sort());
    for (const vendor of VENDORS) expect(SIMULATOR_MODULES[vendor].vendor).toBe(vendor);
  });
});

describe.each(VENDORS)('%s conforms to the vendor contract', (vendor) => {
  const module = VENDOR_MODULES[vendor];
  const simulatorModule = SIMULATOR_MODULES[vendor];
  let simulator: RunningSimulator;
  let adapter: VendorAdapter;

  beforeAll(async () => {
    simulator = await simulatorModule.start();
    adapter = module.createAdapter(simulatorModule.adapterConfig(simulator.url, 5_000));
  });
  afterAll(async () => {
    await adapter.close();
    await simulator.close();
  });

  it('its retryable codes are among its documented codes', () => {
    const documented = new Set(module.documentedCodes);
    const { transient, throttled, quota, transientOn5xx } = module.codes;
    for (const code of [...transient, ...throttled, ...quota, ...transientOn5xx]) expect(documented, code).toContain(code);
  });

  it('a request without its input is SKIPPED, keyed null, and the vendor is not called', async () => {
    const before = simulator.requestCount;
    expect(adapter.inputKey(NO_INPUT)).toBeNull();
    const outcome = await adapter.call(NO_INPUT, context);
    expect(outcome.result).toMatchObject({ vendor, status: 'SKIPPED' });
    expect(outcome.result.message).toMatch(/\w/);
    expect(simulator.requestCount).toBe(before);
  });

  it('the same input gives the same key, another input another key', () => {
    expect(adapter.inputKey(requestFor('pass'))).toBe(adapter.inputKey(requestFor('pass')));
    expect(adapter.inputKey(requestFor('pass'))).not.toBe(adapter.inputKey(requestFor('forged')));
  });

  it('pass: the simulator accepts the request as built and its answer reads as OK, with a verdict for every check', async () => {
    const before = simulator.requestCount;
    const outcome = await adapter.call(requestFor('pass'), context);
    expect(simulator.requestCount).toBeGreaterThan(before);
    expect(outcome.result).toMatchObject({ vendor, status: 'OK' });
    expect(new Set(outcome.verdicts.map((v) => v.check))).toEqual(new Set(adapter.checks));
    expect(outcome.verdicts.every((v) => v.vendor === vendor && v.verdict === 'PASSED')).toBe(true);
    expect(observationOf(outcome).httpStatus).toBe(200);
  });

  it.each(module.documentedCodes.map((code) => [code]))('error-%s: the documented code is kept on a read answer', async (code) => {
    const outcome = await adapter.call(requestFor(`error-${code}`), context);
    expect(outcome.result.errorCode).toBe(code);
    expect(['OK', 'FAILED', 'PENDING']).toContain(outcome.result.status);
    expect(outcome.result.message ?? '').not.toMatch(/EKYC-SCENARIO/);
  });

  it('garbage (a body that is not the page format): FAILED, broken for the retry policy', async () => {
    const outcome = await adapter.call(requestFor('garbage'), context);
    expect(outcome.result).toMatchObject({ vendor, status: 'FAILED', errorCode: 'HTTP_200' });
    expect(classifyAttempt(vendor, outcome, observationOf(outcome), false)).toBe('broken');
  });

  it('server-error: FAILED, transient for the retry policy (what the transport saw comes back with the outcome)', async () => {
    const outcome = await adapter.call(requestFor('server-error'), context);
    expect(outcome.result).toMatchObject({ vendor, status: 'FAILED' });
    expect(observationOf(outcome).httpStatus).toBeGreaterThanOrEqual(500);
    expect(classifyAttempt(vendor, outcome, observationOf(outcome), false)).toBe('transient');
  });

  it('the variables its simulator gives a gateway configure an adapter that reaches it', async () => {
    const config = module.readConfig(simulatorModule.gatewayEnv(simulator.url), 5_000);
    expect(config).not.toBeNull();
    const configured = module.createAdapter(config!);
    try {
      expect((await configured.call(requestFor('pass'), context)).result.status).toBe('OK');
    } finally {
      await configured.close();
    }
  });

  it('an unset base URL reads as "no configuration" (served by the simulator in development)', () => {
    expect(module.readConfig({}, 5_000)).toBeNull();
  });
});
