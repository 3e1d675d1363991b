import { request } from 'undici';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway, type Gateway, type GatewayOptions } from '../../src/main';
import { sampleJpegBase64 } from '../../src/simulators/sample-image';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }>;
}

/** The key every test gateway provisions, with every scope and a limit tests never reach. */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface GqlOptions {
  /** The API key to send as a Bearer token; null sends none. Default: TEST_ADMIN_KEY. */
  key?: string | null;
  headers?: Record<string, string>;
}

export interface TestGateway extends Gateway {
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GraphQLResponse<T>>;
  /** Headers that authenticate as the test admin key (for raw HTTP requests). */
  authHeaders: Record<string, string>;
  /** Vendor API requests the in-process simulators have answered, summed. */
  vendorRequests(): number;
}

/** Starts a real gateway on a free loopback port with in-process simulators; env overrides on top. */
export async function startTestGateway(env: Record<string, string> = {}, options: Omit<GatewayOptions, 'logger'> = {}): Promise<TestGateway> {
  const admin = { name: 'test-admin', key: TEST_ADMIN_KEY, scopes: ['*'], rateLimit: { perMinute: 1_000_000, burst: 100_000 } };
  const apiKeys = JSON.stringify([admin, ...(env.API_KEYS ? (JSON.parse(env.API_KEYS) as unknown[]) : [])]);
  // Simulators serve every vendor, production mode included.
  const config = loadConfig({ PORT: '0', NODE_ENV: 'test', SIMULATORS: 'on', DATABASE_URL: 'memory://', VENDOR_TIMEOUT_MS: '2000', ...env, API_KEYS: apiKeys });
  const gateway = await startGateway(config, { ...options, logger: createLogger({ level: 'silent' }) });
  return {
    ...gateway,
    close: gateway.close,
    authHeaders: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    async gql(query, variables, options = {}) {
      const key = options.key === undefined ? TEST_ADMIN_KEY : options.key;
      const res = await request(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.body.json()) as GraphQLResponse;
      return { ...body, status: res.statusCode } as GraphQLResponse<any>;
    },
    vendorRequests() {
      return Object.values(gateway.simulators).reduce((sum, s) => sum + (s?.requestCount ?? 0), 0);
    },
  };
}

/** A base64 sample image selecting the given simulator scenario(s). */
export function image(scenario = 'pass'): { base64: string } {
  return { base64: sampleJpegBase64(scenario) };
}

export const VERIFY = /* GraphQL */ `
  mutation Verify($input: VerifyIdentityInput!) {
    verifyIdentity(input: $input) {
      id
      caseNo
      country
      documentType
      document {
        idNumber {
          value
          raw
          confidence
          vendor
        }
        fullName {
          value
          confidence
          vendor
        }
        localName {
          value
        }
        birthDate {
          value
          raw
        }
        sex {
          value
          raw
        }
        expiryDate {
          value
          raw
        }
        mrz
        mrzValid
        fields {
          name
          value
          vendor
        }
      }
      face {
        livenessScore
        similarityScore
        vendor
      }
      landmarks {
        code
        label
        score
        vendor
      }
      forgery {
        kind
        vendor
        detail
      }
      quality {
        kind
        passed
        score
        vendor
      }
      vendorResults {
        vendor
        status
        latencyMs
        errorCode
        message
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
      }
      createdAt
    }
  }
`;
