import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error';
import { loadConfig } from '../../src/config/config';
import { readSimulatorFaults } from '../../src/simulators/faults-config';
import type { SimulatorFaults } from '../../src/simulators/faults';
import { sampleJpegBase64 } from '../../src/simulators/sample-image';
import { VERIHUBS_SIMULATOR_API_KEY, VERIHUBS_SIMULATOR_APP_ID } from '../../src/simulators/verihubs/credentials';
import { startVerihubsSimulator } from '../../src/simulators/verihubs/server';
import type { RunningSimulator } from '../../src/simulators/simulator';

/** The simulators' fault injection, seen from a client over real HTTP. */
describe('simulator fault injection', () => {
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  const start = async (faults: SimulatorFaults) => {
    sim = await startVerihubsSimulator({ faults });
    return sim;
  };
  const call = (s: RunningSimulator, signal?: AbortSignal) =>
    request(`${s.url}/v2/ktp/idforgery`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'App-ID': VERIHUBS_SIMULATOR_APP_ID, 'API-Key': VERIHUBS_SIMULATOR_API_KEY },
      body: JSON.stringify({ image: sampleJpegBase64('pass'), is_quality: true }),
      signal,
    });

  it('answers normally without faults', async () => {
    const res = await call(await start({}));
    expect(res.statusCode).toBe(200);
    expect(((await res.body.json()) as any).data.forgery).toBe(false);
  });

  it('injects 400, 503, 429 with Retry-After and garbage, each at its rate', async () => {
    for (const [faults, status] of [
      [{ errorRate: 1 }, 400],
      [{ serverErrorRate: 1 }, 503],
      [{ rateLimitRate: 1, retryAfterSeconds: 7 }, 429],
      [{ garbageRate: 1 }, 200],
    ] as Array<[SimulatorFaults, number]>) {
      const s = await start(faults);
      const res = await call(s);
      const text = await res.body.text();
      expect(res.statusCode, JSON.stringify(faults)).toBe(status);
      if (status === 429) expect(res.headers['retry-after']).toBe('7');
      if (status === 200) expect(() => JSON.parse(text)).toThrow();
      await s.close();
      sim = undefined;
    }
  });

  it('drops the connection without an answer', async () => {
    await expect(call(await start({ dropRate: 1 }))).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('resets the connection in the middle of the body', async () => {
    const res = await call(await start({ resetRate: 1 }));
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toThrow();
  });

  it('drips a slow body one byte at a time, and never answers a timeout', async () => {
    const s = await start({ slowBodyRate: 1, slowBodyByteMs: 30 });
    const res = await call(s);
    const chunks: number[] = [];
    const reading = (async () => {
      for await (const chunk of res.body) chunks.push((chunk as Buffer).length);
    })();
    await new Promise((r) => setTimeout(r, 400));
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((n) => n === 1)).toBe(true);
    res.body.destroy();
    await reading.catch(() => undefined);
    await s.close();

    const hung = await start({ timeoutRate: 1 });
    await expect(call(hung, AbortSignal.timeout(300))).rejects.toMatchObject({ name: expect.stringMatching(/Abort|Timeout/) });
  });

  it('adds latency with jitter to every answer', async () => {
    const s = await start({ latencyMs: 150, jitterMs: 100 });
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      await (await call(s)).body.text();
      times.push(performance.now() - started);
    }
    expect(Math.min(...times)).toBeGreaterThanOrEqual(145);
    expect(Math.max(...times)).toBeLessThan(400);
  });

  it('mixes faults at their rates', async () => {
    const s = await start({ serverErrorRate: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 60 }, async () => (await call(s)).statusCode));
    const faulted = statuses.filter((st) => st === 503).length;
    expect(faulted).toBeGreaterThan(10);
    expect(faulted).toBeLessThan(50);
    expect(statuses.filter((st) => st !== 503).every((st) => st === 200)).toBe(true);
  });
});

describe('SIMULATOR_FAULTS', () => {
  it('is read per vendor (name or scenario prefix), laid over "*"', () => {
    const faults = readSimulatorFaults({
      SIMULATOR_FAULTS: JSON.stringify({
        '*': { serverErrorRate: 0.1, latencyMs: 20 },
        innov8tif: { timeoutRate: 0.3, latencyMs: 5 },
        VERIHUBS: { garbageRate: 1, serverErrorRate: 0 },
      }),
    });
    expect(faults.INNOV8TIF).toEqual({ serverErrorRate: 0.1, latencyMs: 5, timeoutRate: 0.3 });
    expect(faults.VERIHUBS).toEqual({ serverErrorRate: 0, latencyMs: 20, garbageRate: 1 });
    expect(faults.HUAWEI_OCR).toEqual({ serverErrorRate: 0.1, latencyMs: 20 });
    expect(readSimulatorFaults({})).toEqual({});
    expect(readSimulatorFaults({ SIMULATOR_FAULTS: '{"huawei":{"dropRate":0.2}}' })).toEqual({ HUAWEI_OCR: { dropRate: 0.2 } });
  });

  it.each([
    ['not json', 'is not valid JSON'],
    ['[1]', 'must be a JSON object'],
    ['{"acme":{"errorRate":0.1}}', 'unknown vendor "acme"'],
    ['{"*":{"explodeRate":0.1}}', 'unknown setting "explodeRate"'],
    ['{"*":{"errorRate":1.5}}', 'is a rate from 0 to 1'],
    ['{"*":{"latencyMs":-1}}', 'must be a number'],
    ['{"*":{"errorRate":0.6,"timeoutRate":0.6}}', 'add up to more than 1'],
  ])('refuses %s, naming the variable', (value, problem) => {
    let error: unknown;
    try {
      readSimulatorFaults({ SIMULATOR_FAULTS: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('SIMULATOR_FAULTS');
    expect((error as Error).message).toContain(problem);
  });
});

describe('resilience configuration', () => {
  it('has defaults and reads its variables', () => {
    expect(loadConfig({}).resilience).toEqual({
      retries: 2,
      retryBaseMs: 100,
      retryMaxMs: 2_000,
      breakerFailures: 5,
      breakerOpenMs: 10_000,
      statsWindowMs: 60_000,
      bodyBudgetBytes: 64 * 1024 * 1024,
      bodyBudgetPerKeyBytes: 16 * 1024 * 1024,
      bodyTimeoutMs: 30_000,
    });
    const c = loadConfig({
      VENDOR_RETRIES: '0',
      VENDOR_RETRY_BASE_MS: '20',
      VENDOR_RETRY_MAX_MS: '80',
      VENDOR_BREAKER_FAILURES: '2',
      VENDOR_BREAKER_OPEN_MS: '500',
      REQUEST_BODY_TIMEOUT_MS: '1500',
    });
    expect(c.resilience).toMatchObject({ retries: 0, retryBaseMs: 20, retryMaxMs: 80, breakerFailures: 2, breakerOpenMs: 500, bodyTimeoutMs: 1_500 });
    // A key's share of the body budget: a quarter of it unless set.
    expect(loadConfig({ REQUEST_BODY_BUDGET_MB: '8' }).resilience.bodyBudgetPerKeyBytes).toBe(2 * 1024 * 1024);
    expect(loadConfig({ REQUEST_BODY_BUDGET_MB: '2' }).resilience.bodyBudgetPerKeyBytes).toBe(1024 * 1024);
    expect(loadConfig({ REQUEST_BODY_BUDGET_PER_KEY_MB: '40' }).resilience.bodyBudgetPerKeyBytes).toBe(40 * 1024 * 1024);
  });

  it.each([
    [{ VENDOR_RETRIES: '-1' }, 'VENDOR_RETRIES'],
    [{ VENDOR_RETRIES: '50' }, 'VENDOR_RETRIES'],
    [{ VENDOR_BREAKER_FAILURES: '0' }, 'VENDOR_BREAKER_FAILURES'],
    [{ VENDOR_RETRY_BASE_MS: '500', VENDOR_RETRY_MAX_MS: '100' }, 'VENDOR_RETRY_MAX_MS'],
    [{ REQUEST_BODY_TIMEOUT_MS: '0' }, 'REQUEST_BODY_TIMEOUT_MS'],
    [{ REQUEST_BODY_BUDGET_MB: '8', REQUEST_BODY_BUDGET_PER_KEY_MB: '9' }, 'REQUEST_BODY_BUDGET_PER_KEY_MB'],
    // Past Node's longest timer a delay fires after 1 ms: every body would be "too slow".
    [{ REQUEST_BODY_TIMEOUT_MS: '2147483648' }, 'REQUEST_BODY_TIMEOUT_MS'],
    [{ VENDOR_TIMEOUT_MS: '99999999999' }, 'VENDOR_TIMEOUT_MS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ variable }));
  });
});
