import { randomBytes } from 'node:crypto';
import type { RunningSimulator, SimulatorOptions } from '../simulator';
import { GARBAGE, startSimulatorServer, type SimRequest, type SimResponse } from '../http-server';
import { errorCodeOf, pickScenario, scenariosFromImage, VENDOR_SLUGS } from '../scenario';
import {
  HUAWEI_SIM_DOMAIN,
  HUAWEI_SIM_FIXED_TOKEN,
  HUAWEI_SIM_PASSWORD,
  HUAWEI_SIM_PROJECT_ID,
  HUAWEI_SIM_REGION,
  HUAWEI_SIM_USERNAME,
} from './credentials';
import { CARD_SCENARIOS, cardResult, SIM_ERRORS, simErrorCode, type CardScenario } from './responses';

const OCR_PATH = /^\/v2\/([^/]+)\/ocr\/cambodian-idcard$/;
const IAM_PATH = '/v3/auth/tokens';
const BASE64 = /^[A-Za-z0-9+/=\r\n]+$/;
/** The page supports only images stored on OBS (`https://BucketName.obs.myhwclouds.com/ObjectName`). */
const OBS_URL = /^https:\/\/[a-z0-9][a-z0-9.-]*\.obs\.myhwclouds\.com\/./i;

export interface HuaweiOcrSimulatorOptions extends SimulatorOptions {
  /** Lifetime of the IAM tokens the simulator issues (24 hours, as IAM's). */
  tokenTtlMs?: number;
  /** The simulator's clock, for token expiry. */
  now?: () => number;
}

export interface RunningHuaweiOcrSimulator extends RunningSimulator {
  /** How many IAM tokens this simulator has issued. */
  tokensIssued(): number;
}

/**
 * Huawei Cloud OCR simulator: the Cambodian ID card OCR route and, on the same server, the IAM
 * token route, so an adapter can be pointed at it for both (HUAWEI_IAM_URL = HUAWEI_OCR_BASE_URL).
 *
 * - `POST /v3/auth/tokens`: password method; the simulator's credentials get 201 with the token in
 *   X-Subject-Token; anything else 401 with a Keystone-style `{error: {code, message, title}}` body.
 * - `POST /v2/{project_id}/ocr/cambodian-idcard`: X-Auth-Token must be the fixed simulator token or
 *   one it issued (missing or unknown → 401 APIG.0301, expired → 401 APIG.0307); a project id other
 *   than the simulator's → 403 ModelArts.4203 (the page does not document this case).
 * - A `url` that is not an OBS URL (the only kind the page supports) → 400 ModelArts.4601; an OBS
 *   URL is not fetched, its scenario is read from the URL itself.
 * - Any other route → 404 APIG.0101.
 */
export async function startHuaweiOcrSimulator(options: HuaweiOcrSimulatorOptions = {}): Promise<RunningHuaweiOcrSimulator> {
  const ttl = options.tokenTtlMs ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const issued = new Map<string, number>();
  let count = 0;

  const iam = (req: SimRequest): SimResponse => {
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
    const issuedAt = now();
    issued.set(token, issuedAt + ttl);
    count += 1;
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
  };

  const authError = (token: string | undefined): SimResponse | null => {
    if (token === undefined || token === '') return errorResponse('APIG.0301', 'Incorrect IAM authentication information: x-auth-token not found');
    if (token === HUAWEI_SIM_FIXED_TOKEN) return null;
    const expiresAt = issued.get(token);
    if (expiresAt === undefined) return errorResponse('APIG.0301');
    return expiresAt > now() ? null : errorResponse('APIG.0307');
  };

  const ocr = (req: SimRequest, projectId: string): SimResponse => {
    const header = req.headers['x-auth-token'];
    const denied = authError(Array.isArray(header) ? header[0] : header);
    if (denied) return denied;
    if (projectId !== HUAWEI_SIM_PROJECT_ID) return errorResponse('ModelArts.4203');
    const body = record(req.json);
    if (!body) return errorResponse('ModelArts.4105');
    const image = typeof body.image === 'string' && body.image !== '' ? body.image : null;
    const url = typeof body.url === 'string' && body.url !== '' ? body.url : null;
    if ((image === null) === (url === null)) return errorResponse('AIS.0101');
    if (url !== null && !/^https?:\/\//i.test(url)) return errorResponse('AIS.0101');
    if (url !== null && !OBS_URL.test(url)) return errorResponse('ModelArts.4601');
    if (image !== null && !BASE64.test(image)) return errorResponse('AIS.0102');
    const flags = ['return_portrait_image', 'return_portrait_location', 'return_idcard_type'];
    if (flags.some((flag) => body[flag] !== undefined && typeof body[flag] !== 'boolean')) return errorResponse('AIS.0101');

    const scenario = pickScenario(VENDOR_SLUGS.HUAWEI_OCR, scenariosFromImage(image ?? url));
    return scenarioAnswer(scenario, body) ?? cardAnswer('pass', body);
  };

  const running = await startSimulatorServer(
    'HUAWEI_OCR',
    (req) => {
      if (req.method === 'POST' && req.path === IAM_PATH) return iam(req);
      const match = OCR_PATH.exec(req.path);
      if (req.method === 'POST' && match) return ocr(req, decodeURIComponent(match[1]!));
      return errorResponse('APIG.0101');
    },
    options,
  );
  // Delegates rather than spreads, so the running server's request count stays live.
  return {
    vendor: running.vendor,
    url: running.url,
    get requestCount() {
      return running.requestCount;
    },
    close: () => running.close(),
    tokensIssued: () => count,
  };
}

/** The answer for a scenario this simulator knows, or null (an unknown name is a clean pass). */
function scenarioAnswer(scenario: string, body: Record<string, unknown>): SimResponse | null {
  if ((CARD_SCENARIOS as readonly string[]).includes(scenario)) return cardAnswer(scenario as CardScenario, body);
  switch (scenario) {
    case 'blurry':
    case 'dark':
      return errorResponse('AIS.0104'); // the vendor refuses poor images rather than scoring them
    case 'server-error':
      return errorResponse('ModelArts.4505');
    case 'hang':
      return 'hang';
    case 'garbage':
      return GARBAGE;
  }
  const code = errorCodeOf(scenario);
  const known = code === null ? null : simErrorCode(code);
  return known === null ? null : errorResponse(known);
}

/** 200 with the card; the card type and portrait only when the request asked for them, as documented. */
function cardAnswer(scenario: CardScenario, body: Record<string, unknown>): SimResponse {
  const result = cardResult(scenario, {
    returnIdcardType: body.return_idcard_type === true,
    returnPortraitImage: body.return_portrait_image === true,
    returnPortraitLocation: body.return_portrait_location === true,
  });
  return { status: 200, json: { result }, headers: { 'x-request-id': requestId() } };
}

function errorResponse(code: string, message?: string): SimResponse {
  const entry = SIM_ERRORS[code]!;
  return {
    status: entry.status,
    json: { error_code: code, error_msg: message ?? entry.message },
    headers: { 'x-request-id': requestId() },
  };
}

function requestId(): string {
  return randomBytes(16).toString('hex');
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
