import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/decision/engine/evaluate';
import type { Facts } from '../../src/decision/engine/facts';
import { loadPolicyFile } from '../../src/decision/authoring/policy-loader';
import type { Database } from '../../src/store/database';
import { IdentityStore } from '../../src/store/identity-store';
import { migrate } from '../../src/store/migrate';
import { PgliteDatabase } from '../../src/store/pglite-database';
import { PolicyArchive } from '../../src/store/policy-archive';
import { hasServer, postgresBackend, TEST_SERVER_URL, withSearchPath } from '../support/databases';
import { cleanFacts } from '../support/facts';
import { makeRecord } from '../support/records';
import { ROOT, runCli } from '../support/run-cli';

const policy = loadPolicyFile(join(ROOT, 'rules/policy.json'));
const DEFAULT = readFileSync(join(ROOT, 'rules/policy.json'), 'utf8');
/** The candidate: face similarity must reach 75 instead of 70. */
const CANDIDATE = DEFAULT.replace('"path": "$.similarity", "operator": "lessThan", "value": 70', '"path": "$.similarity", "operator": "lessThan", "value": 75');

const CASES: Array<[string, Partial<Facts>]> = [
  ['sim-64', { face: { liveness: 99, similarity: 64 } }],
  ['sim-70', { face: { liveness: 99, similarity: 70 } }],
  ['sim-72', { face: { liveness: 99, similarity: 72 } }],
  ['sim-74', { face: { liveness: 99, similarity: 74 } }],
  ['sim-75', { face: { liveness: 99, similarity: 75 } }],
  ['sim-90', { face: { liveness: 99, similarity: 90 } }],
  ['sim-72-blur', { face: { liveness: 99, similarity: 72 }, quality: { failed: ['BLUR'] } }],
  ['sim-85-blur', { face: { liveness: 99, similarity: 85 }, quality: { failed: ['BLUR'] } }],
];

/** Stores the cases, decided by the default policy, the oldest a year ago; a person reviewed sim-64. */
async function seed(db: Database): Promise<void> {
  const store = new IdentityStore(db);
  await new PolicyArchive(db).record(policy);
  for (const [i, [caseNo, over]] of CASES.entries()) {
    const at = new Date(Date.UTC(2025, 0, 1 + i * 40));
    const record = makeRecord({ caseNo, createdAt: at });
    record.decisions = [await evaluatePolicy(policy, cleanFacts(over), at)];
    await store.create(record, null);
    if (caseNo === 'sim-64') {
      await store.append(record.id, {
        decision: {
          outcome: 'APPROVE',
          reasons: [{ code: 'MANUAL_REVIEW', message: 'ok', rule: 'manual-review', outcome: 'APPROVE' }],
          policyVersion: 'manual',
          decidedAt: new Date(),
          facts: null,
          decidedBy: null,
          note: 'ok',
        },
        nextPollAt: null,
      });
    }
  }
}

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['identities', 'decisions', 'vendor_calls', 'policies', 'schema_migrations', 'pending_polls']) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

interface Target {
  name: string;
  /** A database holding the seeded cases, and the environment that points the command at it. */
  prepare(): Promise<{ env: Record<string, string | undefined>; reopen(): Promise<Database>; before: Record<string, number> }>;
}

const TARGETS: Target[] = [
  {
    name: 'embedded PGlite under DATA_DIR',
    async prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'backtest-'));
      const open = async () => PgliteDatabase.open(join(dataDir, 'pglite'));
      const db = await open();
      await migrate(db);
      await seed(db);
      const before = await rowCounts(db);
      await db.close();
      return { env: { DATA_DIR: dataDir, DATABASE_URL: undefined }, reopen: open, before };
    },
  },
  ...(hasServer
    ? [
        {
          name: 'PostgreSQL at DATABASE_URL',
          async prepare() {
            const { db, handle } = await postgresBackend.open();
            await seed(db);
            const before = await rowCounts(db);
            await db.close();
            return { env: { DATABASE_URL: withSearchPath(TEST_SERVER_URL!, handle) }, reopen: async () => (await postgresBackend.open(handle)).db, before };
          },
        },
      ]
    : []),
];

describe.each(TARGETS)('rules backtest on $name', (target) => {
  it('prints the outcome matrix, the changed cases with their reasons and the rules that changed them; writes nothing', async () => {
    const { env, reopen, before } = await target.prepare();
    const candidate = join(mkdtempSync(join(tmpdir(), 'candidate-')), 'candidate.json');
    writeFileSync(candidate, CANDIDATE);

    const r = await runCli('src/cli/rules.ts', ['backtest', candidate], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/on 8 stored cases \(the latest automatic decision of each\)/);
    expect(out).toContain(['stored \\ new'.padEnd(14), ...['APPROVE', 'REVIEW', 'REJECT', 'PENDING'].map((o) => o.padStart(11))].join(''));
    const row = (from: string, counts: number[]) => [from.padEnd(14), ...counts.map((c) => String(c).padStart(11))].join('');
    expect(out).toContain(row('APPROVE', [2, 0, 3, 0]));
    expect(out).toContain(row('REVIEW', [0, 1, 1, 0]));
    expect(out).toContain(row('REJECT', [0, 0, 1, 0]));
    expect(out).toContain(row('PENDING', [0, 0, 0, 0]));
    expect(out).toContain('Changed: 4 cases (4 changed outcome, 0 changed reasons only)');
    expect(out).toMatch(/caseNo sim-72 {2}APPROVE \[\] -> REJECT \[SIMILARITY_FAIL\]/);
    expect(out).toMatch(/caseNo sim-72-blur {2}REVIEW \[IMAGE_QUALITY\] -> REJECT \[SIMILARITY_FAIL, IMAGE_QUALITY\]/);
    expect(out).not.toContain('caseNo sim-75 ');
    expect(out).toContain('Rules that caused the changes:\n  similarity-fail  fires in 4 more');

    const db = await reopen();
    try {
      expect(await rowCounts(db)).toEqual(before);
    } finally {
      await db.close();
    }
  });

  it('--since and --limit choose the cases; an invalid candidate replays nothing', async () => {
    const { env } = await target.prepare();
    const candidate = join(mkdtempSync(join(tmpdir(), 'candidate-')), 'candidate.json');
    writeFileSync(candidate, CANDIDATE);
    const since = await runCli('src/cli/rules.ts', ['backtest', candidate, '--since', '2025-06-01'], env);
    expect(since.stdout).toMatch(/on 4 stored cases/);
    const limited = await runCli('src/cli/rules.ts', ['backtest', candidate, '--limit', '2', '--show', '0'], env);
    expect(limited.stdout).toMatch(/on 2 stored cases/);
    expect(limited.stdout).toContain('Changed: 1 cases');
    expect(limited.stdout).toContain('... and 1 more (--show N lists more)');

    writeFileSync(candidate, CANDIDATE.replace('"priority": 100,', '"priority": "high",'));
    const invalid = await runCli('src/cli/rules.ts', ['backtest', candidate], env);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain(`${candidate}:8:19  rule "liveness-attack"  priority "high" must be a positive integer`);
    expect(invalid.stdout).toContain('nothing was replayed');
  });
});

describe('rules backtest without a database', () => {
  it('exit 2 and says why, creating nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-db-'));
    const r = await runCli('src/cli/rules.ts', ['backtest', join(ROOT, 'rules/policy.json')], { DATA_DIR: empty, DATABASE_URL: undefined });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`no embedded database under ${join(empty, 'pglite')}`);
    const usage = await runCli('src/cli/rules.ts', ['backtest'], {});
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('give the candidate policy file');
  });
});

describe('rules backtest while another process has the embedded database open', () => {
  it('exit 2, naming that process, and the database is left as it was', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backtest-busy-'));
    const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
    try {
      await migrate(db);
      await seed(db);
      const before = await rowCounts(db);
      const r = await runCli('src/cli/rules.ts', ['backtest', join(ROOT, 'rules/policy.json')], { DATA_DIR: dataDir, DATABASE_URL: undefined });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`rules backtest: the embedded database ${join(dataDir, 'pglite')} is already open in process ${process.pid}`);
      expect(r.stdout).toBe('');
      expect(await rowCounts(db)).toEqual(before);
    } finally {
      await db.close();
    }
  });
});

describe('rules backtest over a caseNo stored before unprintable characters were refused', () => {
  it('prints it escaped: no escape sequence, bidi or zero-width character reaches the terminal', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'backtest-escape-'));
    const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
    const caseNo = 'legacy\u001b[2J\u001b]0;pwned\u0007\u009b31m\r\nfake\u202egnp.exe\u200b\u2066x\u{e0041}';
    try {
      await migrate(db);
      await new PolicyArchive(db).record(policy);
      const record = makeRecord({ caseNo, createdAt: new Date(Date.UTC(2025, 0, 1)) });
      record.decisions = [await evaluatePolicy(policy, cleanFacts({ face: { liveness: 99, similarity: 72 } }), new Date(Date.UTC(2025, 0, 1)))];
      await new IdentityStore(db).create(record, null);
    } finally {
      await db.close();
    }
    const candidate = join(mkdtempSync(join(tmpdir(), 'candidate-')), 'candidate.json');
    writeFileSync(candidate, CANDIDATE);
    const r = await runCli('src/cli/rules.ts', ['backtest', candidate], { DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'caseNo legacy\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u000d\\u000afake\\u202egnp.exe\\u200b\\u2066x\\u{e0041}  APPROVE [] -> REJECT [SIMILARITY_FAIL]',
    );
    // Line ends are the only control characters left.
    expect(r.stdout.replaceAll('\n', '')).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
  });
});
