import { OUTCOMES, type Outcome } from '../../signals/model';
import { completeFacts } from '../engine/complete-facts';
import type { DecisionReason } from '../engine/decision';
import { evaluatePolicy } from '../engine/evaluate';
import type { Policy } from '../engine/policy';

/**
 * A backtest: the stored facts of past decisions replayed through a candidate policy, to see before
 * it goes live what it would change. The old outcome is the one stored (as it was decided); the new
 * one is the candidate's on the very same facts. Reads only.
 */
export interface ChangedCase {
  identityId: string;
  caseNo: string;
  from: { outcome: Outcome; reasons: string[] };
  to: { outcome: Outcome; reasons: string[] };
}

export interface RuleChange {
  rule: string;
  /** Changed cases in which the rule fires now and did not before. */
  starts: number;
  /** Changed cases in which it fired before and does not now. */
  stops: number;
}

export interface BacktestReport {
  candidate: { name: string; version: string; rules: number };
  cases: number;
  /** matrix[old][new]: how many cases went from old to new. */
  matrix: Record<Outcome, Record<Outcome, number>>;
  changed: ChangedCase[];
  rules: RuleChange[];
  elapsedMs: number;
}

/** A past automatic decision as it was made: its outcome and reasons, and the facts it was made on. */
export interface PastDecision {
  identityId: string;
  caseNo: string;
  outcome: Outcome;
  reasons: DecisionReason[];
  policyVersion: string;
  decidedAt: Date;
  facts: unknown;
}

/**
 * Where the past decisions come from: it reports how many there are, then hands them over a batch
 * at a time, and resolves to how many it handed over. The decision folder reads no database itself:
 * the store provides this (store/decision-history), so the store may depend on decision, not back.
 */
export type DecisionSource = (onStart: (total: number) => void, onBatch: (batch: PastDecision[]) => Promise<void> | void) => Promise<number>;

export interface BacktestProgress {
  done: number;
  total: number;
}

export async function backtest(history: DecisionSource, candidate: Policy, onProgress: (progress: BacktestProgress) => void = () => undefined): Promise<BacktestReport> {
  const started = performance.now();
  const matrix = Object.fromEntries(OUTCOMES.map((o) => [o, Object.fromEntries(OUTCOMES.map((n) => [n, 0]))])) as BacktestReport['matrix'];
  const changed: ChangedCase[] = [];
  const ruleChanges = new Map<string, RuleChange>();
  let total = 0;
  let done = 0;
  const cases = await history(
    (n) => {
      total = n;
      onProgress({ done: 0, total });
    },
    async (batch) => {
      for (const stored of batch) await replay(candidate, stored, matrix, changed, ruleChanges);
      done += batch.length;
      onProgress({ done, total });
    },
  );
  const rules = [...ruleChanges.values()].sort((a, b) => b.starts + b.stops - (a.starts + a.stops) || a.rule.localeCompare(b.rule));
  return {
    candidate: { name: candidate.name, version: candidate.version, rules: candidate.rules.length },
    cases,
    matrix,
    changed,
    rules,
    elapsedMs: performance.now() - started,
  };
}

async function replay(candidate: Policy, stored: PastDecision, matrix: BacktestReport['matrix'], changed: ChangedCase[], ruleChanges: Map<string, RuleChange>): Promise<void> {
  // Facts stored before a fact existed read as "nothing observed" for it.
  const decision = await evaluatePolicy(candidate, completeFacts(stored.facts).facts, stored.decidedAt);
  matrix[stored.outcome][decision.outcome] += 1;
  const before = stored.reasons.map((r) => r.code);
  const after = decision.reasons.map((r) => r.code);
  if (stored.outcome === decision.outcome && sameSet(before, after)) return;
  changed.push({
    identityId: stored.identityId,
    caseNo: stored.caseNo,
    from: { outcome: stored.outcome, reasons: before },
    to: { outcome: decision.outcome, reasons: after },
  });
  const was = new Set(stored.reasons.map((r) => r.rule));
  const is = new Set(decision.reasons.map((r) => r.rule));
  const entry = (rule: string) => ruleChanges.get(rule) ?? ruleChanges.set(rule, { rule, starts: 0, stops: 0 }).get(rule)!;
  for (const rule of is) if (!was.has(rule)) entry(rule).starts += 1;
  for (const rule of was) if (!is.has(rule)) entry(rule).stops += 1;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}
