/**
 * What the policy costs: decisions per second for the default policy, and the time to backtest stored
 * cases through a candidate policy.
 *
 *   npm run bench:policy [-- --decisions=20000 --cases=10000,100000]
 *
 * 1. Decisions per second, one at a time on one core (Node runs evaluation on one thread), over a
 *    deterministic mix of clean and failing cases: json-rules-engine as shipped (a fresh Engine built
 *    from the rule JSON per decision, its JSONPath path resolver, the facts copied) against the
 *    gateway's evaluator (a fresh Engine per decision too, with rules built once per policy and a
 *    direct resolver for `$.a.b` paths). test/decision/evaluator-equivalence.test.ts proves both give
 *    identical decisions on a large randomised corpus.
 * 2. Backtest: N cases stored in embedded PGlite (in memory), each with a decision of the default
 *    policy on realistic facts, replayed through a candidate (face similarity must reach 75, not 70)
 *    by the same code as `npm run rules:backtest` (read in batches of 1,000 in a read-only transaction).
 */
import { join } from 'node:path';
import { Engine } from 'json-rules-engine';
import { backtest } from '../src/decision/authoring/backtest';
import type { DecisionReason, RuleOutcome } from '../src/decision/engine/decision';
import { evaluatePolicy } from '../src/decision/engine/evaluate';
import type { Facts } from '../src/decision/engine/facts';
import { CUSTOM_OPERATORS } from '../src/decision/engine/operators';
import { combineOutcome } from '../src/decision/engine/outcome';
import type { Policy } from '../src/decision/engine/policy';
import { loadPolicyFile, parsePolicyText } from '../src/decision/authoring/policy-loader';
import type { Database } from '../src/store/database';
import { decisionHistory } from '../src/store/decision-history';
import { migrate } from '../src/store/migrate';
import { PgliteDatabase } from '../src/store/pglite-database';
import { readFileSync } from 'node:fs';
import { rng } from '../test/support/random-policies';
import { cleanFacts } from '../test/support/facts';
import { mixedFacts } from '../test/support/facts';
import { int, printTable } from './table';

const RULES_DIR = join(import.meta.dirname, '..', 'rules');

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

/** json-rules-engine as shipped: the baseline. */
async function shipped(policy: Policy, facts: Facts): Promise<string> {
  const engine = new Engine(policy.rules, { allowUndefinedFacts: false, allowUndefinedConditions: false });
  for (const operator of CUSTOM_OPERATORS) engine.addOperator(operator);
  const { results } = await engine.run(structuredClone(facts) as unknown as Record<string, unknown>);
  const fired: DecisionReason[] = results.map((r) => {
    const event = r.event as { type: RuleOutcome; params: { code: string; message: string } };
    return { code: event.params.code, message: event.params.message, rule: String(r.name), outcome: event.type };
  });
  return combineOutcome(fired, policy.defaultOutcome, facts).outcome;
}

async function rate(name: string, facts: Facts[], decide: (f: Facts) => Promise<unknown>): Promise<[string, number]> {
  for (const f of facts.slice(0, 2_000)) await decide(f); // warm-up
  const started = performance.now();
  for (const f of facts) await decide(f);
  const seconds = (performance.now() - started) / 1000;
  return [name, facts.length / seconds];
}

/** Realistic stored facts: mostly clean, scores spread around the thresholds, some quality and landmark problems. */
function storedFacts(count: number): Facts[] {
  const r = rng(42);
  return Array.from({ length: count }, () =>
    cleanFacts({
      face: { liveness: Math.round(40 + r() * 60), similarity: Math.round(55 + r() * 45) },
      landmarks: { min: Math.round(50 + r() * 50), count: 7, scores: {} },
      quality: { failed: r() < 0.08 ? ['BLUR'] : [] },
    }),
  );
}

/** Stores `n` cases with their decisions, by SQL in bulk (the store's own path would take minutes for 100,000). */
async function seed(db: Database, policy: Policy, n: number): Promise<void> {
  const variants = await Promise.all(storedFacts(500).map(async (facts, k) => ({ k, ...(await evaluatePolicy(policy, facts, new Date('2026-01-01T00:00:00Z'))) })));
  const json = JSON.stringify(variants.map((v) => ({ k: v.k, outcome: v.outcome, reasons: v.reasons, facts: v.facts })));
  await db.query(`CREATE TEMP TABLE variants AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(k int, outcome text, reasons jsonb, facts jsonb)`, [json]);
  for (let from = 1; from <= n; from += 10_000) {
    const to = Math.min(n, from + 9_999);
    await db.query(
      `INSERT INTO identities (id, owner, case_no, input_hash, country, document_type, face_signature_id, image_hashes, vendor_signals, outcome, created_at, updated_at)
       SELECT gen_random_uuid(), 'bench', 'bench-' || g, 'h', 'KH', 'NATIONAL_ID', NULL, '{}'::jsonb, '[]'::jsonb, v.outcome, now(), now()
       FROM generate_series($1::int, $2::int) g JOIN variants v ON v.k = g % 500`,
      [from, to],
    );
  }
  await db.query(
    `INSERT INTO decisions (identity_id, seq, outcome, reasons, policy_version, facts, decided_at)
     SELECT i.id, 1, v.outcome, v.reasons, $1, v.facts, i.created_at
     FROM identities i JOIN variants v ON v.k = (substring(i.case_no from 7)::int % 500)`,
    [policy.version],
  );
}

async function main(): Promise<void> {
  const policy = loadPolicyFile(join(RULES_DIR, 'policy.json'));
  const decisions = Number(option('decisions', '20000'));
  const facts = mixedFacts(decisions);

  const rows: Array<[string, number]> = [];
  rows.push(await rate('json-rules-engine as shipped (baseline)', facts, (f) => shipped(policy, f)));
  rows.push(await rate('gateway evaluator', facts, (f) => evaluatePolicy(policy, f)));
  const base = rows[0]![1];
  printTable(
    `1. Default policy (${policy.rules.length} rules), ${int(decisions)} decisions one at a time, one core (Node ${process.versions.node})`,
    ['evaluator', 'decisions/s', 'µs/decision', 'vs baseline'],
    rows.map(([name, perSecond]) => [name, int(perSecond), (1e6 / perSecond).toFixed(0), `${(perSecond / base).toFixed(2)}×`]),
  );

  const candidate = parsePolicyText(
    readFileSync(join(RULES_DIR, 'policy.json'), 'utf8').replace(
      '"path": "$.similarity", "operator": "lessThan", "value": 70',
      '"path": "$.similarity", "operator": "lessThan", "value": 75',
    ),
    'candidate',
  );
  const sizes = option('cases', '10000,100000').split(',').map(Number);
  const results: string[][] = [];
  for (const n of sizes) {
    const db = await PgliteDatabase.open('memory://');
    try {
      await migrate(db);
      const seeding = performance.now();
      await seed(db, policy, n);
      const seeded = (performance.now() - seeding) / 1000;
      const report = await backtest(decisionHistory(db, {}), candidate);
      const changed = report.changed.length;
      results.push([int(report.cases), `${(report.elapsedMs / 1000).toFixed(2)} s`, int(report.cases / (report.elapsedMs / 1000)), int(changed), `${seeded.toFixed(1)} s`]);
    } finally {
      await db.close();
    }
  }
  printTable(
    '2. Backtest of a candidate (similarity threshold 70 → 75) over stored cases, embedded PGlite in memory',
    ['stored cases', 'backtest time', 'cases/s', 'changed', '(seeding)'],
    results,
  );
}

await main();
