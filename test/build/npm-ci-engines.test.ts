import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/**
 * `npm ci` warns `EBADENGINE` for every locked package whose `engines` refuses the running Node. A dry
 * run of `npm ci` on a copy of package.json and package-lock.json checks the same lock without
 * installing anything (offline: it reads only the lock), so this fails when a dependency update locks
 * a package that needs a newer Node than this one.
 */
describe('npm ci on this Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-npm-ci-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints no engine warnings', async () => {
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
    const { stdout, stderr } = await run('npm', ['ci', '--dry-run', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: dir,
      timeout: 60_000,
      env: { ...process.env, npm_config_loglevel: 'warn' },
    });
    const output = stdout + stderr;
    // The dry run did read the whole lock: it lists the packages it would add.
    expect(output).toContain('add graphql ');
    expect(output.split('\n').filter((line) => line.includes('EBADENGINE'))).toEqual([]);
  }, 90_000);
});
