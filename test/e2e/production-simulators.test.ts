import { Writable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { ConfigError } from '../../src/config/config-error';
import { createLogger } from '../../src/logging/logger';
import { startGateway, type Gateway } from '../../src/main';
import { TEST_ADMIN_KEY } from '../support/gateway';
import { runCli } from '../support/run-cli';

const BASE_URLS = 'INNOV8TIF_BASE_URL, ADVANCE_BASE_URL, HUAWEI_OCR_BASE_URL, COMPUTERVISION_VN_BASE_URL, VERIHUBS_BASE_URL';
const KEYS = JSON.stringify([{ name: 'admin', key: TEST_ADMIN_KEY, scopes: ['*'] }]);

describe('production never decides on simulated vendors unless asked to', () => {
  it('loadConfig refuses production with a base URL unset, naming every unset variable', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'memory://', API_KEYS: KEYS });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${BASE_URLS}: must be set in production`));
  });

  it('`npm start` in production without the vendors stops with one line naming them, exit 2', async () => {
    const result = await runCli('src/cli/serve.ts', [], { NODE_ENV: 'production', DATABASE_URL: 'memory://', PORT: '0', API_KEYS: KEYS });
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${BASE_URLS}: must be set in production .*SIMULATORS=on`));
    expect(result.status).toBe(2);
  });

  it('SIMULATORS must be on or off; off in development needs every vendor too', () => {
    expect(() => loadConfig({ SIMULATORS: 'yes' })).toThrow(/^SIMULATORS: must be on or off$/);
    expect(() => loadConfig({ SIMULATORS: 'off' })).toThrow(new RegExp(`^${BASE_URLS}: must be set with SIMULATORS=off`));
    expect(loadConfig({}).simulators).toBe(true);
  });
});

describe('SIMULATORS=on in production (a staging demo): loud, and visible to operators and partners', () => {
  const lines: string[] = [];
  let gw: Gateway;
  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', NODE_ENV: 'production', SIMULATORS: 'on', DATABASE_URL: 'memory://', API_KEYS: KEYS });
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    gw = await startGateway(config, { logger: createLogger({ level: 'info', destination }) });
  });
  afterAll(() => gw?.close());

  it('logs a warning naming the simulated vendors', () => {
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg.startsWith('SIMULATORS=on in production'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('INNOV8TIF, ADVANCE_AI, HUAWEI_OCR, COMPUTERVISION_VN, VERIHUBS');
  });

  it('/readyz lists the simulated vendors', async () => {
    const res = await request(`${gw.url}/readyz`);
    const body = (await res.body.json()) as { status: string; simulators: string[] };
    expect(body.status).toBe('ready');
    expect(body.simulators).toEqual(['INNOV8TIF', 'ADVANCE_AI', 'HUAWEI_OCR', 'COMPUTERVISION_VN', 'VERIHUBS']);
  });

  it('the vendors query says each is simulated', async () => {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query: '{ vendors { vendor simulated } }' }),
    });
    const body = (await res.body.json()) as { data: { vendors: Array<{ vendor: string; simulated: boolean }> } };
    expect(body.data.vendors.every((v) => v.simulated)).toBe(true);
    expect(body.data.vendors).toHaveLength(5);
  });
});
