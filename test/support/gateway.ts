import { request } from 'undici';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway, type Gateway } from '../../src/main';
import { sampleJpegBase64 } from '../../src/simulators/sample-image';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: string[] }>;
}

export interface TestGateway extends Gateway {
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Vendor API requests the in-process simulators have answered, summed. */
  vendorRequests(): number;
}

/** Starts a real gateway on a free loopback port with in-process simulators; env overrides on top. */
export async function startTestGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const config = loadConfig({ PORT: '0', NODE_ENV: 'test', DATABASE_URL: 'memory://', VENDOR_TIMEOUT_MS: '2000', ...env });
  const gateway = await startGateway(config, { logger: createLogger({ level: 'silent' }) });
  return {
    ...gateway,
    close: gateway.close,
    async gql(query, variables) {
      const res = await request(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
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
        idNumber { value raw confidence vendor }
        fullName { value confidence vendor }
        localName { value }
        birthDate { value raw }
        sex { value raw }
        expiryDate { value raw }
        mrz
        mrzValid
        fields { name value vendor }
      }
      face { livenessScore similarityScore vendor }
      landmarks { code label score vendor }
      forgery { kind vendor detail }
      quality { kind passed score vendor }
      vendorResults { vendor status latencyMs errorCode message reference }
      decision { outcome reasons { code message rule outcome } policyVersion decidedAt }
      createdAt
    }
  }
`;
