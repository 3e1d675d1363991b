import { VENDORS } from '../vendors/registry';
import type { PolicyHolder } from '../decision/engine/policy-holder';
import type { Vendor } from '../signals/model';
import type { Database } from '../store/database';

export interface ReadinessDeps {
  db: Database;
  policies: PolicyHolder;
  /** How each vendor is served: its configured API or an in-process simulator (absent: neither). */
  vendorModes: Readonly<Partial<Record<Vendor, 'vendor' | 'simulator'>>>;
  /** True once shutdown began: a load balancer should stop sending traffic. */
  closing: () => boolean;
  /** Longest wait for the database's answer. */
  databaseTimeoutMs?: number;
}

type Check = 'ok' | 'failed';

export interface Readiness {
  ready: boolean;
  /** Why not ready (a fixed phrase: never a driver message, a URL or a secret). */
  reason?: string;
  checks: { database: Check; policy: Check; vendors: Check };
  policyVersion: string | null;
  /** Vendors answered by in-process simulators (development, or SIMULATORS=on for a staging demo). */
  simulators: Vendor[];
}

/**
 * Whether this replica can serve verifications now: the database answers `SELECT 1`, a policy is
 * loaded, and every vendor has either its configuration or a running simulator.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const database = await databaseCheck(deps.db, deps.databaseTimeoutMs ?? 2_000);
  const policyVersion = deps.policies.policy?.version ?? null;
  const policy: Check = policyVersion ? 'ok' : 'failed';
  const missing = VENDORS.filter((v) => !deps.vendorModes[v]);
  const vendors: Check = missing.length === 0 ? 'ok' : 'failed';
  const checks = { database, policy, vendors };
  const reason = deps.closing()
    ? 'shutting down'
    : database !== 'ok'
      ? 'database unreachable'
      : policy !== 'ok'
        ? 'no policy loaded'
        : vendors !== 'ok'
          ? `no configuration or simulator for ${missing.join(', ')}`
          : undefined;
  const simulators = VENDORS.filter((v) => deps.vendorModes[v] === 'simulator');
  return { ready: reason === undefined, ...(reason ? { reason } : {}), checks, policyVersion, simulators };
}

async function databaseCheck(db: Database, timeoutMs: number): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve('failed'), timeoutMs);
  });
  const query = db.query('SELECT 1 AS ok').then(
    (r) => (r.rows.length === 1 ? 'ok' : 'failed') as Check,
    () => 'failed' as Check,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
