import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { startNodeProcess } from '../support/node-process';
import { TEST_ADMIN_KEY } from '../support/gateway';
import { scrape } from '../support/prometheus-text';
import { waitFor } from '../support/e2e';

/**
 * A serving gateway (`src/cli/serve.ts` in its own process) that meets an uncaught exception (an
 * 'error' event nobody listens to) and an unhandled rejection: it logs and counts them and answers on.
 */
describe('the serving process survives unexpected errors', () => {
  let child: ChildProcess;
  let url: string;
  let output: () => string;

  beforeAll(async () => {
    ({ child, url, output } = await startNodeProcess({
      name: 'gateway',
      script: 'src/cli/serve.ts',
      nodeArgs: ['--import', './test/support/provoke-on-signal.mjs'],
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: '0',
        DATABASE_URL: 'memory://',
        API_KEYS: JSON.stringify([{ name: 'test-admin', key: TEST_ADMIN_KEY, scopes: ['*'] }]),
      },
      ready: /eKYC gateway ready: (http:\/\/\S+)\/graphql/,
    }));
  }, 90_000);
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  const count = async (kind: string) => (await scrape(url)).value('ekyc_unexpected_errors_total', { kind });

  it('logs and counts them by kind, without their messages, and still answers /healthz and GraphQL', async () => {
    expect(await count('uncaught_exception')).toBe(0);
    expect(await count('unhandled_rejection')).toBe(0);

    child.kill('SIGUSR2');
    await waitFor(async () => ((await count('uncaught_exception')) === 1 && (await count('unhandled_rejection')) === 1 ? true : undefined), {
      what: 'both faults counted',
    });

    expect(child.exitCode).toBeNull();
    const health = await request(`${url}/healthz`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: 'ok' });
    const gql = await request(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await gql.body.json()).toEqual({ data: { __typename: 'Query' } });

    const lines = output()
      .split('\n')
      .filter((line) => line.includes('unexpected error survived'))
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.kind, l.err.name, l.err.code])).toEqual(
      expect.arrayContaining([
        ['uncaught_exception', 'Error', 'UND_ERR_ABORTED'],
        ['unhandled_rejection', 'TypeError', undefined],
      ]),
    );
    expect(output()).not.toContain('4111-1111');
  });
});
