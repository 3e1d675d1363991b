import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http-server';
import { errorResponse, record, requestId } from './answers';
import { HUAWEI_SIM_DOMAIN, HUAWEI_SIM_FIXED_TOKEN, HUAWEI_SIM_PASSWORD, HUAWEI_SIM_PROJECT_ID, HUAWEI_SIM_REGION, HUAWEI_SIM_USERNAME } from './credentials';

/**
 * The simulated IAM token route (password method): the simulator's credentials get 201 with the
 * token in X-Subject-Token; anything else 401 with a Keystone-style `{error: {code, message, title}}`.
 */
export class SimulatedIam {
  private readonly tokens = new Map<string, number>();
  private count = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** How many tokens have been issued. */
  get issued(): number {
    return this.count;
  }

  issue(req: SimRequest): SimResponse {
    const auth = record(record(req.json)?.auth);
    const identity = record(auth?.identity);
    const user = record(record(identity?.password)?.user);
    const methods = Array.isArray(identity?.methods) ? identity.methods : [];
    const project = record(record(auth?.scope)?.project);
    const valid =
      methods.includes('password') &&
      user?.name === HUAWEI_SIM_USERNAME &&
      user?.password === HUAWEI_SIM_PASSWORD &&
      record(user?.domain)?.name === HUAWEI_SIM_DOMAIN &&
      project?.name === HUAWEI_SIM_REGION;
    if (!valid) {
      return {
        status: 401,
        json: { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } },
        headers: { 'x-request-id': requestId() },
      };
    }
    const token = `MIIsim${randomBytes(24).toString('base64url')}`;
    const issuedAt = this.now();
    const ttl = this.ttlMs;
    this.tokens.set(token, issuedAt + ttl);
    this.count += 1;
    return {
      status: 201,
      json: {
        token: {
          expires_at: new Date(issuedAt + ttl).toISOString(),
          issued_at: new Date(issuedAt).toISOString(),
          methods: ['password'],
          project: { id: HUAWEI_SIM_PROJECT_ID, name: HUAWEI_SIM_REGION },
          user: { name: HUAWEI_SIM_USERNAME, domain: { name: HUAWEI_SIM_DOMAIN } },
        },
      },
      headers: { 'x-subject-token': token, 'x-request-id': requestId() },
    };
  }

  /** Why the OCR route refuses this X-Auth-Token (401 APIG.0301 / APIG.0307), or null when it accepts it. */
  refusal(token: string | undefined): SimResponse | null {
    if (token === undefined || token === '') return errorResponse('APIG.0301', 'Incorrect IAM authentication information: x-auth-token not found');
    if (token === HUAWEI_SIM_FIXED_TOKEN) return null;
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return errorResponse('APIG.0301');
    return expiresAt > this.now() ? null : errorResponse('APIG.0307');
  }
}
