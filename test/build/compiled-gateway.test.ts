import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRuntimePackages, TOOLCHAIN_PACKAGES } from '../../scripts/build/compile-gateway';
import { packagesImportedBy } from '../../scripts/build/runtime-imports';
import { startNodeProcess, type NodeProcess } from '../support/node-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
const KEY = 'compiled-gateway-key-0123456789abcdef';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

const VERIFY = `mutation Verify($input: VerifyIdentityInput!) {
  verifyIdentity(input: $input) {
    caseNo
    document { idNumber { value vendor } }
    vendorResults { vendor status }
    decision { outcome reasons { code rule } }
  }
}`;

/**
 * The Dockerfile's commands in a temporary folder laid out as the image is: `npm run build` into
 * `dist/`, `npm ci --omit=dev` beside it (with `rules/` and `schema/`), then `node dist/cli/serve.js`
 * with no TypeScript loader and no development package installed; the README's verification runs
 * through it with simulators and the embedded database.
 */
describe('the compiled gateway', () => {
  const app = mkdtempSync(join(tmpdir(), 'ekyc-build-'));
  const dist = join(app, 'dist');

  beforeAll(async () => {
    // The image's two stages: the build (with every dependency), then a production install beside it.
    await run('npm', ['run', 'build', '--', '--outDir', dist], { cwd: ROOT, timeout: 240_000 });
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, file), join(app, file));
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, timeout: 240_000 });
    for (const dir of ['rules', 'schema']) symlinkSync(join(ROOT, dir), join(app, dir));
  }, 480_000);
  afterAll(() => rm(app, { recursive: true, force: true }), 180_000);

  it('loads only production dependencies, never the TypeScript tool chain', () => {
    const loaded = packagesImportedBy(dist);
    // Every form of loading is seen: static imports, the worker's plain JavaScript, createRequire, require.resolve.
    expect([...loaded.keys()]).toEqual(expect.arrayContaining(['@apollo/server', 'graphql', '@electric-sql/pglite', 'graphql-query-complexity', 'react']));
    for (const name of loaded.keys()) expect(Object.keys(manifest.dependencies), name).toContain(name);
    for (const name of TOOLCHAIN_PACKAGES) expect(loaded.has(name), name).toBe(false);
  });

  it('runs on what `npm ci --omit=dev` installs, which holds no part of the tool chain', () => {
    expect(existsSync(join(app, 'node_modules/graphql/package.json'))).toBe(true);
    for (const name of TOOLCHAIN_PACKAGES) expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
  });

  it('fails the build check when the output loads a development package', () => {
    const fake = join(app, 'fake-dist');
    mkdirSync(fake);
    writeFileSync(join(fake, 'main.js'), "import { describe } from 'vitest';\nexport const d = describe;\n");
    expect(() => checkRuntimePackages(fake, ROOT)).toThrow(/vitest \(loaded by main\.js\)/);
  });

  it('prints the same schema as the sources (decorators compile alike)', async () => {
    const target = join(app, 'schema.graphql');
    await run(process.execPath, [join(dist, 'cli/emit-schema.js'), target], { cwd: app, timeout: 60_000 });
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8'));
  });

  describe('served by node dist/cli/serve.js', () => {
    let gateway: NodeProcess;
    beforeAll(async () => {
      gateway = await startNodeProcess({
        name: 'compiled gateway',
        script: 'dist/cli/serve.js',
        compiled: true,
        cwd: app,
        env: {
          NODE_ENV: 'test',
          SIMULATORS: 'on',
          PORT: '0',
          DATA_DIR: join(app, 'data'),
          LOG_LEVEL: 'warn',
          API_KEYS: JSON.stringify([{ name: 'compiled', key: KEY, scopes: ['*'] }]),
        },
        ready: /eKYC gateway ready: (http:\/\/\S+)\/graphql/,
      });
    }, 90_000);
    afterAll(async () => {
      if (!gateway) return;
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    });

    it('decides the README’s verification as the README shows', async () => {
      const base = gateway.url;
      const input = {
        caseNo: 'compiled-001',
        country: 'KH',
        documentType: 'NATIONAL_ID',
        documentFront: { url: `${base}/samples/pass.jpg` },
        documentBack: { url: `${base}/samples/low-landmarks.jpg` },
        faceSignatureId: 'pass',
      };
      const res = await request(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ query: VERIFY, variables: { input } }),
      });
      const body = (await res.body.json()) as { data?: { verifyIdentity: any }; errors?: unknown };
      expect(body.errors, gateway.output()).toBeUndefined();
      const identity = body.data!.verifyIdentity;
      expect(identity.caseNo).toBe('compiled-001');
      expect(identity.document.idNumber).toEqual({ value: '011845273', vendor: 'HUAWEI_OCR' });
      expect(identity.vendorResults).toEqual([
        { vendor: 'HUAWEI_OCR', status: 'OK' },
        { vendor: 'INNOV8TIF', status: 'OK' },
        { vendor: 'ADVANCE_AI', status: 'OK' },
      ]);
      expect(identity.decision).toEqual({ outcome: 'REVIEW', reasons: [{ code: 'LOW_LANDMARK_SCORE', rule: 'low-landmark-score' }] });
    });

    it('answers /readyz with the embedded database and the policy from rules/', async () => {
      const res = await request(`${gateway.url}/readyz`);
      const body = (await res.body.json()) as { status: string; checks: Record<string, string> };
      expect(res.statusCode).toBe(200);
      expect(body.checks).toEqual({ database: 'ok', policy: 'ok', vendors: 'ok' });
    });

    it('stops on SIGTERM with exit 0', async () => {
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
    });
  });
});
