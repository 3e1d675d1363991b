import { cpSync, mkdtempSync, rmSync, writeFileSync, type FSWatcher } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoApiKeysError } from '../../src/auth/provision-keys';
import { loadConfig } from '../../src/config/config';
import { PolicyError } from '../../src/decision/authoring/policy-loader';
import { ListenError } from '../../src/http/listen';
import { createLogger } from '../../src/logging/logger';
import { startGateway, type Gateway } from '../../src/main';
import type { RunningSimulator, SimulatorModule } from '../../src/simulators/simulator';
import { openDatabase } from '../../src/store/open-database';
import { freePort } from '../support/child-gateway';
import { ROOT } from '../support/run-cli';

/**
 * Failures injected into real gateway start-ups, one per step (rules, store, vendors, API, serve):
 * whatever the step, nothing stays open afterwards. The database is closed (the same DATA_DIR, which
 * one process at a time may hold, opens again at once), every simulator that had started refuses
 * connections, and no listening socket is left behind.
 */
const injected = vi.hoisted(() => ({
  /** Every simulator the gateway started, in order. */
  started: [] as RunningSimulator[],
  /** This vendor's simulator fails to start. */
  simulatorStartFails: null as string | null,
  /** This vendor's simulator closes, then reports a failure. */
  simulatorCloseFails: null as string | null,
  /** The schema build throws this. */
  schemaFails: null as Error | null,
  /** Watching this folder throws (ENOSPC), as with no inotify watches left. */
  watchFails: null as string | null,
}));

vi.mock('../../src/simulators/registry', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/simulators/registry')>();
  const wrap = (module: SimulatorModule): SimulatorModule => ({
    vendor: module.vendor,
    adapterConfig: (baseUrl, timeoutMs) => module.adapterConfig(baseUrl, timeoutMs),
    gatewayEnv: (baseUrl) => module.gatewayEnv(baseUrl),
    async start(options) {
      if (injected.simulatorStartFails === module.vendor) throw new Error(`${module.vendor} simulator could not start`);
      const simulator = await module.start(options);
      injected.started.push(simulator);
      if (injected.simulatorCloseFails !== module.vendor) return simulator;
      return {
        vendor: simulator.vendor,
        url: simulator.url,
        get requestCount() {
          return simulator.requestCount;
        },
        close: async () => {
          await simulator.close();
          throw new Error(`${module.vendor} simulator close failed`);
        },
      };
    },
  });
  return { SIMULATOR_MODULES: Object.fromEntries(Object.entries(real.SIMULATOR_MODULES).map(([vendor, module]) => [vendor, wrap(module)])) };
});

vi.mock('../../src/graphql/schema', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/graphql/schema')>();
  return {
    ...real,
    buildGatewaySchema: (...args: Parameters<typeof real.buildGatewaySchema>) => {
      if (injected.schemaFails) return Promise.reject(injected.schemaFails);
      return real.buildGatewaySchema(...args);
    },
  };
});

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const watch = ((path: string, ...rest: unknown[]): FSWatcher => {
    if (injected.watchFails && resolve(String(path)) === injected.watchFails) {
      throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    }
    return (real.watch as (...args: unknown[]) => FSWatcher)(path, ...rest);
  }) as typeof real.watch;
  return { ...real, default: { ...real, watch }, watch };
});

const root = mkdtempSync(join(tmpdir(), 'ekyc-start-failures-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const ADMIN = JSON.stringify([{ name: 'admin', key: 'start-failures-key-0123456789', scopes: ['*'] }]);

/** A fresh DATA_DIR (the embedded database on disk, with its lock) and a logger whose lines are kept. */
function setUp(env: Record<string, string> = {}) {
  const dataDir = join(root, `data-${(n += 1)}`);
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ PORT: '0', NODE_ENV: 'test', SIMULATORS: 'on', DATA_DIR: dataDir, API_KEYS: ADMIN, VENDOR_TIMEOUT_MS: '2000', ...env });
  const start = () => startGateway(config, { logger: createLogger({ level: 'debug', destination }), print: () => undefined });
  return { dataDir, lines, start };
}

/** The error a start that must fail rejects with; a gateway that started anyway is closed, and fails the test. */
async function failedStart(start: () => Promise<Gateway>): Promise<unknown> {
  const outcome = await start().then(
    (gateway) => gateway,
    (error: unknown) => ({ error }),
  );
  if ('error' in outcome) return outcome.error;
  await outcome.close();
  throw new Error('the gateway started');
}

/** Listening sockets this process holds (the gateway's, the simulators'). */
const listeningSockets = () => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;

/** Whether `url`'s port refuses a TCP connection (nothing listens there any more). */
function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Nothing the failed start opened is open: the same DATA_DIR opens at once, the simulators and sockets are gone. */
async function expectNothingOpen(dataDir: string, socketsBefore: number) {
  const again = await openDatabase(null, dataDir);
  await again.close();
  for (const simulator of injected.started) expect(await refusesConnections(simulator.url), `${simulator.vendor} simulator`).toBe(true);
  expect(listeningSockets()).toBe(socketsBefore);
}

let socketsBefore = 0;
beforeEach(async () => {
  // A server or socket closed by the test before stays listed until its handle is freed, in a later
  // turn of the event loop.
  await sleep(50);
  socketsBefore = listeningSockets();
});
afterEach(() => {
  injected.started.length = 0;
  injected.simulatorStartFails = null;
  injected.simulatorCloseFails = null;
  injected.schemaFails = null;
  injected.watchFails = null;
});

describe('startGateway: a failure at any step leaves nothing open', { timeout: 90_000 }, () => {
  it('rules: an invalid policy.json is refused before anything opens', async () => {
    const rulesDir = join(root, `rules-${(n += 1)}`);
    cpSync(join(ROOT, 'rules'), rulesDir, { recursive: true });
    writeFileSync(join(rulesDir, 'policy.json'), '{"name": "broken"');
    const { dataDir, start } = setUp({ RULES_DIR: rulesDir });
    expect(await failedStart(start)).toBeInstanceOf(PolicyError);
    expect(injected.started).toEqual([]);
    await expectNothingOpen(dataDir, socketsBefore);
  });

  it('store: production without API keys is refused after the database opened, and the database is closed', async () => {
    const { dataDir, lines, start } = setUp({ NODE_ENV: 'production', API_KEYS: '' });
    expect(await failedStart(start)).toBeInstanceOf(NoApiKeysError);
    expect(lines.filter((l) => l.msg === 'released').map((l) => l.resource)).toEqual(['database']);
    expect(injected.started).toEqual([]);
    await expectNothingOpen(dataDir, socketsBefore);
  });

  it('vendors: a simulator that fails to start stops the ones started before it', async () => {
    injected.simulatorStartFails = 'HUAWEI_OCR';
    const { dataDir, start } = setUp();
    expect(await failedStart(start)).toEqual(new Error('HUAWEI_OCR simulator could not start'));
    expect(injected.started.map((s) => s.vendor)).toEqual(['INNOV8TIF', 'ADVANCE_AI']);
    await expectNothingOpen(dataDir, socketsBefore);
  });

  it('API: a schema build that throws stops every simulator and closes the database; its error is the one rejected', async () => {
    const cause = new Error('schema build failed');
    injected.schemaFails = cause;
    const { dataDir, start } = setUp();
    expect(await failedStart(start)).toBe(cause);
    expect(injected.started).toHaveLength(5);
    await expectNothingOpen(dataDir, socketsBefore);
  });

  it('serve: a PORT already in use releases everything opened before the listen', async () => {
    const held: Server = createServer();
    const port = await new Promise<number>((done) => held.listen(0, '127.0.0.1', () => done((held.address() as { port: number }).port)));
    try {
      const { dataDir, start } = setUp({ PORT: String(port), HOST: '127.0.0.1' });
      const error = await failedStart(start);
      expect(error).toBeInstanceOf(ListenError);
      expect((error as Error).message).toBe(`PORT ${port} on HOST 127.0.0.1 is already in use`);
      expect(injected.started).toHaveLength(5);
      await expectNothingOpen(dataDir, socketsBefore + 1); // + the test's own listener
    } finally {
      await new Promise((done) => held.close(done));
    }
  });

  it('serve: a failure after the listen (the policy folder cannot be watched) closes the listening port too', async () => {
    const port = await freePort();
    injected.watchFails = join(ROOT, 'rules');
    const { dataDir, start } = setUp({ PORT: String(port), HOST: '127.0.0.1' });
    expect(await failedStart(start)).toMatchObject({ code: 'ENOSPC' });
    expect(await refusesConnections(`http://127.0.0.1:${port}`)).toBe(true);
    await expectNothingOpen(dataDir, socketsBefore);
  });

  it('a release that fails while unwinding is logged by resource; the others are released and the start error is the one rejected', async () => {
    const cause = new Error('schema build failed');
    injected.schemaFails = cause;
    injected.simulatorCloseFails = 'ADVANCE_AI';
    const { dataDir, lines, start } = setUp();
    expect(await failedStart(start)).toBe(cause);
    const failed = lines.filter((l) => l.msg === 'could not release after the failed start');
    expect(failed.map((l) => [l.resource, l.err])).toEqual([['ADVANCE_AI simulator', { name: 'Error' }]]);
    expect(lines.filter((l) => l.msg === 'released').map((l) => l.resource)).toContain('database');
    await expectNothingOpen(dataDir, socketsBefore);
  });
});

describe('Gateway.close', { timeout: 90_000 }, () => {
  let gateway: Gateway | undefined;
  afterEach(async () => {
    await gateway?.close().catch(() => undefined);
    gateway = undefined;
  });

  it('releases everything in the reverse order it was opened; a second gateway then opens the same DATA_DIR', async () => {
    const { dataDir, lines, start } = setUp();
    gateway = await start();
    const url = gateway.url;
    const opened = lines.filter((l) => l.msg === 'opened').map((l) => l.resource as string);
    expect(lines.filter((l) => l.msg === 'released')).toEqual([]);
    await Promise.all([gateway.close(), gateway.close()]);
    const released = lines.filter((l) => l.msg === 'released').map((l) => l.resource as string);
    expect(released).toEqual([...opened].reverse());
    // What must come before what: readiness reports closing first, traffic drains before the API and
    // the vendors go, adapters close before the simulators they talk to, the database goes last.
    const order = (resource: string) => released.indexOf(resource);
    expect(order('readiness')).toBe(0);
    expect(order('http server and pending poller')).toBeLessThan(order('apollo server'));
    expect(order('apollo server')).toBeLessThan(order('INNOV8TIF adapter'));
    expect(order('INNOV8TIF adapter')).toBeLessThan(order('INNOV8TIF simulator'));
    expect(order('VERIHUBS simulator')).toBeLessThan(order('tracing'));
    expect(released.at(-1)).toBe('database');
    expect(await refusesConnections(url)).toBe(true);

    const second = setUp({ DATA_DIR: dataDir });
    gateway = await second.start();
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    await gateway.close();
    await expectNothingOpen(dataDir, socketsBefore);
  });
});
