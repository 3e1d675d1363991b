import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ADVANCE_SIMULATOR_ACCESS_KEY, ADVANCE_SIMULATOR_SECRET_KEY } from '../../src/simulators/advance-ai/credentials';
import { startAdvanceAiSimulator } from '../../src/simulators/advance-ai/server';
import type { RunningSimulator } from '../../src/simulators/simulator';
import { hasServer, TEST_SERVER_URL, withSearchPath } from './databases';
import { image } from './gateway';

/**
 * Helpers for end-to-end tests that start real gateways on either store: PGlite in memory always,
 * a fresh schema on the PostgreSQL server when TEST_DATABASE_URL is set.
 */

/** A fresh, empty schema on the test server; `url` is a DATABASE_URL whose search_path is that schema. */
export interface ServerSchema {
  schema: string;
  url: string;
  /** Drops the schema and everything in it (call after the gateways using it are closed). */
  drop(): Promise<void>;
}

export async function createServerSchema(): Promise<ServerSchema> {
  if (!TEST_SERVER_URL) throw new Error('no PostgreSQL server: set TEST_DATABASE_URL');
  const schema = `e2e_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    url: withSearchPath(TEST_SERVER_URL, schema),
    drop: () => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL! });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A DATABASE_URL for a gateway under test, and how to clean it up after the gateway closed. */
export interface GatewayDatabase {
  url: string;
  dispose(): Promise<void>;
}

export interface GatewayBackend {
  name: 'pglite' | 'postgres';
  open(): Promise<GatewayDatabase>;
}

export const GATEWAY_BACKENDS: GatewayBackend[] = [
  { name: 'pglite', open: async () => ({ url: 'memory://', dispose: async () => undefined }) },
  ...(hasServer
    ? [
        {
          name: 'postgres' as const,
          open: async () => {
            const s = await createServerSchema();
            return { url: s.url, dispose: s.drop };
          },
        },
      ]
    : []),
];

/** Polls `probe` until it returns a value that is not undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, { timeoutMs = 10_000, intervalMs = 50, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** A case's state as a client reads it. */
export const IDENTITY = /* GraphQL */ `
  query Identity($id: ID!) {
    identity(id: $id) {
      id
      caseNo
      country
      documentType
      document {
        idNumber {
          value
          vendor
        }
        fullName {
          value
        }
      }
      face {
        livenessScore
        similarityScore
        vendor
      }
      vendorResults {
        vendor
        status
        errorCode
        reference
      }
      decision {
        outcome
        reasons {
          code
          message
          rule
          outcome
        }
        policyVersion
        decidedAt
        decidedBy
        note
      }
      decisions {
        outcome
        reasons {
          code
          message
          rule
          outcome
        }
        policyVersion
        decidedAt
        decidedBy
        note
      }
      createdAt
    }
  }
`;

export const REFRESH = /* GraphQL */ `
  mutation Refresh($id: ID!) {
    refreshIdentity(id: $id) {
      id
      caseNo
      vendorResults {
        vendor
        status
        errorCode
      }
      decision {
        outcome
        reasons {
          code
        }
        policyVersion
      }
      decisions {
        outcome
        reasons {
          code
        }
        policyVersion
        note
      }
    }
  }
`;

export const REVIEW = /* GraphQL */ `
  mutation Review($id: ID!, $outcome: Outcome!, $note: String!) {
    reviewIdentity(id: $id, outcome: $outcome, note: $note) {
      id
      caseNo
      decision {
        outcome
        reasons {
          code
          message
          rule
          outcome
        }
        policyVersion
        decidedBy
        note
      }
      decisions {
        outcome
        reasons {
          code
          message
          rule
          outcome
        }
        policyVersion
        decidedBy
        note
      }
    }
  }
`;

/** A KH national-ID verification input (Huawei OCR, Innov8tif, ADVANCE.AI). */
export function khInput(caseNo: string, { front = 'pass', back = 'pass', face = 'pass' } = {}): Record<string, unknown> {
  return {
    caseNo,
    country: 'KH',
    documentType: 'NATIONAL_ID',
    documentFront: image(front),
    documentBack: image(back),
    faceSignatureId: face,
  };
}

/** A unique suffix so cases of one run never collide with another's on a shared server. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/**
 * One ADVANCE.AI simulator outside any gateway, answering every request after `delayMs`: gateways
 * given `env` call it as their configured vendor (with the simulator's credentials) instead of an
 * in-process simulator of their own. Replicas sharing it share its state, as they share a real
 * vendor (a `pending-<N>s` signatureId is pending for N seconds from the first poll by anyone).
 */
export async function startSharedAdvanceAi({ delayMs = 0 } = {}): Promise<{ simulator: RunningSimulator; env: Record<string, string> }> {
  const simulator = await startAdvanceAiSimulator({ delayMs });
  return {
    simulator,
    env: {
      ADVANCE_BASE_URL: simulator.url,
      ADVANCE_ACCESS_KEY: ADVANCE_SIMULATOR_ACCESS_KEY,
      ADVANCE_SECRET_KEY: ADVANCE_SIMULATOR_SECRET_KEY,
    },
  };
}
