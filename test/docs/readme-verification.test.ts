import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_ADMIN_KEY, type TestGateway } from '../support/gateway';

const run = promisify(execFile);
const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

/** The fenced blocks of one README section, by language (`sh`, `json`). */
function blocks(section: string, language: string): string[] {
  const start = readme.indexOf(`\n## ${section}\n`);
  expect(start, `README section "${section}"`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const text = readme.slice(start, end === -1 ? undefined : end);
  return [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** Values that differ from run to run (and policy to policy), replaced before comparing. */
function stable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v) => (['id', 'latencyMs', 'policyVersion'].includes(key) ? '<varies>' : v));
}

/**
 * The README's first verification is a shell command meant to run as written on any port: run it with
 * bash and the system's curl against a real gateway on a free port, with only the key filled in (the
 * line the reader edits), and compare the answer with the one the README shows.
 */
describe('the README’s verification example', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw?.close());

  it('runs as written on the gateway’s port and answers what the README shows', async () => {
    const [command] = blocks('A verification', 'sh');
    const [shown] = blocks('A verification', 'json');
    expect(command).toMatch(/^KEY=ekyc_…/m);
    expect(command).not.toContain(':4000/');
    const script = command!.replace(/^KEY=ekyc_…/m, `KEY=${TEST_ADMIN_KEY}`);
    const port = new URL(gw.url).port;
    expect(port).not.toBe('4000');

    const { stdout } = await run('bash', ['-c', script], { env: { ...process.env, PORT: port }, timeout: 20_000 });
    const answer = JSON.parse(stdout) as { data: { verifyIdentity: { landmarks: unknown[] } } };

    const expected = JSON.parse(shown!) as { data: { verifyIdentity: { landmarks: Array<{ code: string }> } } };
    // The README shortens the landmark list: the ones it shows must be among those answered.
    expect(answer.data.verifyIdentity.landmarks).toEqual(expect.arrayContaining(expected.data.verifyIdentity.landmarks));
    const withoutLandmarks = (a: { data: { verifyIdentity: Record<string, unknown> } }) => ({ ...a.data.verifyIdentity, landmarks: [] });
    expect(stable(withoutLandmarks(answer))).toEqual(stable(withoutLandmarks(expected)));
  });
});
