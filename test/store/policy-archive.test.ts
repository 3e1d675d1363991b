import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicyFile, parsePolicy } from '../../src/decision/authoring/policy-loader';
import type { Database } from '../../src/store/database';
import { PolicyArchive } from '../../src/store/policy-archive';
import { BACKENDS } from '../support/databases';

const current = loadPolicyFile(join(__dirname, '../../rules/policy.json'));

describe.each(BACKENDS)('policies on record ($name)', (backend) => {
  let db: Database | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
  });

  it('a recorded policy is found by its version by another archive on the same database (a restart)', async () => {
    ({ db } = await backend.open());
    await new PolicyArchive(db).record(current);
    const found = await new PolicyArchive(db).find(current.version);
    expect(found).not.toBeNull();
    expect(found!.version).toBe(current.version);
    expect(found!.rules).toEqual(current.rules);
    expect(found!.defaultOutcome).toBe(current.defaultOutcome);
  });

  it('records each version once, and an unknown version is null', async () => {
    ({ db } = await backend.open());
    const archive = new PolicyArchive(db);
    const other = parsePolicy({ name: 'lenient', defaultOutcome: 'APPROVE', rules: [] });
    await archive.record(current);
    await archive.record(current);
    await archive.record(other);
    expect(await archive.count()).toBe(2);
    expect(await new PolicyArchive(db).find('0000000000000000')).toBeNull();
    expect((await new PolicyArchive(db).find(other.version))!.name).toBe('lenient');
  });
});
