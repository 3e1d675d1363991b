import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RunningSimulator, SimulatorOptions } from '../simulator';
import { GARBAGE, startSimulatorServer, type SimRequest, type SimResponse } from '../http-server';
import { errorCodeOf, parseScenarioList, pickScenario, VENDOR_SLUGS } from '../scenario';
import {
  ADVANCE_SIMULATOR_ACCESS_KEY,
  ADVANCE_SIMULATOR_DISABLED_ACCESS_KEY,
  ADVANCE_SIMULATOR_DISABLED_SECRET_KEY,
  ADVANCE_SIMULATOR_SECRET_KEY,
} from './credentials';
import {
  envelope,
  errorCodeData,
  failWithoutReasonData,
  passData,
  pendingData,
  SERVER_ERROR_MESSAGE,
  SIGNATURE_NOT_EXIST_MESSAGE,
  TOKEN_ERRORS,
  unclearData,
} from './responses';

/**
 * ADVANCE.AI IDVS simulator: the token API and Get Result on the vendor's documented paths.
 *
 * The scenario comes from the signatureId itself, read as a scenario list (`liveness-attack`,
 * `advance:pending-5s`, `error-USER_TIMEOUT` ...); `face-only` anywhere in it drops docDetail, as
 * the vendor does for a face-only flow. Scenarios: pass, liveness-attack, similarity-fail, forged,
 * photocopy and screen (PASS carrying the label, as the page's SUCCESS example), blurry, dark,
 * fail-no-reason (FAIL with errorCode null), unclear (an undocumented idvResult), pending,
 * pending-<N>s (pending for N seconds from the first Get Result of that signatureId, then pass),
 * error-<errorCode> for every code of the vendor's table
 * (and NOT_SUPPORTED_CARD as the vendor's example spells it), error-data.ERROR (the errorCode ERROR;
 * plain error-ERROR is the envelope-level ERROR), error-SIGNATURE_NOT_EXIST, error-IAM_FAILED (the
 * token is refused on every call), server-error, hang, garbage. Anything else is a pass.
 */

const TOKEN_PATH = '/openapi/auth/ticket/v1/generate-token';
const GET_RESULT_PATH = '/intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result';
const SLUG = VENDOR_SLUGS.ADVANCE_AI;
/** The vendor suggests a timestamp within 300 seconds of its clock. */
const TIMESTAMP_TOLERANCE_MS = 300_000;
const MAX_TRACKED = 10_000;

export interface AdvanceAiSimulatorOptions extends SimulatorOptions {
  /** The simulator's clock (epoch ms), for token expiry and the timestamp check. */
  now?: () => number;
}

export interface AdvanceAiSimulator extends RunningSimulator {
  /** How many tokens the token API has issued. */
  readonly tokensIssued: number;
  /** Forgets every issued token, as when the vendor expires them early. */
  revokeTokens(): void;
}

const ACCOUNTS: ReadonlyMap<string, { secretKey: string; disabled: boolean }> = new Map([
  [ADVANCE_SIMULATOR_ACCESS_KEY, { secretKey: ADVANCE_SIMULATOR_SECRET_KEY, disabled: false }],
  [ADVANCE_SIMULATOR_DISABLED_ACCESS_KEY, { secretKey: ADVANCE_SIMULATOR_DISABLED_SECRET_KEY, disabled: true }],
]);

export async function startAdvanceAiSimulator(options: AdvanceAiSimulatorOptions = {}): Promise<AdvanceAiSimulator> {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  let tokensIssued = 0;

  const issueToken = (req: SimRequest): SimResponse => {
    const body = req.json;
    // Undocumented: the status of token API errors. Business errors answer HTTP 200 with the code
    // in the envelope (the vendor's pattern); a body that is not JSON is CLIENT_ERROR with HTTP 400.
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return tokenError('badRequest', 400);
    const { accessKey, timestamp, signature, periodSecond } = body as Record<string, unknown>;
    const stamp = typeof timestamp === 'number' || typeof timestamp === 'string' ? String(timestamp).trim() : '';
    if (typeof accessKey !== 'string' || !accessKey || !stamp || typeof signature !== 'string' || !signature) {
      return tokenError('empty');
    }
    if (!/^\d{13}$/.test(stamp) || Math.abs(now() - Number(stamp)) > TIMESTAMP_TOLERANCE_MS) return tokenError('timestamp');
    const account = ACCOUNTS.get(accessKey);
    // An unknown access key cannot be told apart from a wrong secret: both are a signature error.
    if (account === undefined || !sameText(signature, sha256Hex(`${accessKey}${account.secretKey}${stamp}`))) {
      return tokenError('signature');
    }
    if (account.disabled) return tokenError('disabled');
    const period = periodSecond === undefined || periodSecond === null || periodSecond === '' ? 3600 : Number(periodSecond);
    // Undocumented: a periodSecond outside 60..86400 is answered as a PARAMETER_ERROR.
    if (!Number.isInteger(period) || period < 60 || period > 86_400) {
      return { status: 200, json: envelope('PARAMETER_ERROR', 'periodSecond error', null) };
    }
    for (const [token, expiry] of tokens) if (expiry <= now()) tokens.delete(token);
    const token = `sim.${randomBytes(24).toString('base64url')}`;
    const expiredTime = now() + period * 1000;
    tokens.set(token, expiredTime);
    tokensIssued += 1;
    return { status: 200, json: envelope('SUCCESS', 'OK', { token, expiredTime }) };
  };

  const getResult = (req: SimRequest): SimResponse => {
    const header = req.headers['x-access-token'];
    const token = Array.isArray(header) ? header[0] : header;
    const expiry = token === undefined ? undefined : tokens.get(token);
    // Undocumented: how Get Result refuses a missing, unknown or expired token. The simulator
    // answers HTTP 401 with IAM_FAILED, the code ADVANCE.AI's open APIs use for a refused credential.
    if (expiry === undefined || expiry <= now()) return tokenRefused();
    const body = req.json as Record<string, unknown> | undefined;
    const signatureId = typeof body?.signatureId === 'string' ? body.signatureId.trim() : '';
    // Undocumented: a missing signatureId, answered like the vendor's other empty parameters.
    if (!signatureId) return { status: 200, json: envelope('PARAMETER_ERROR', 'Parameter should not be empty', null) };
    return answerFor(signatureId);
  };

  const answerFor = (signatureId: string): SimResponse => {
    const faceOnly = signatureId.toLowerCase().includes('face-only');
    const names = parseScenarioList(signatureId).filter((n) => !n.toLowerCase().includes('face-only'));
    const scenario = pickScenario(SLUG, names);
    const success = (data: Record<string, unknown>): SimResponse => {
      if (faceOnly) data.docDetail = null;
      return { status: 200, json: envelope('SUCCESS', 'OK', data) };
    };

    const waitFor = /^pending-(\d+)s$/.exec(scenario);
    if (waitFor) {
      if (!firstSeen.has(signatureId)) {
        if (firstSeen.size >= MAX_TRACKED) firstSeen.clear();
        firstSeen.set(signatureId, now());
      }
      const done = now() - firstSeen.get(signatureId)! >= Number(waitFor[1]) * 1000;
      return success(done ? passData(signatureId) : pendingData(signatureId));
    }
    const code = errorCodeOf(scenario);
    if (code !== null) {
      if (code === 'SIGNATURE_NOT_EXIST') return { status: 200, json: envelope(code, SIGNATURE_NOT_EXIST_MESSAGE, null) };
      if (code === 'ERROR') return { status: 200, json: envelope(code, SERVER_ERROR_MESSAGE, null) };
      if (code === 'IAM_FAILED') return tokenRefused();
      const data = errorCodeData(signatureId, code === 'data.ERROR' ? 'ERROR' : code);
      return success(data ?? passData(signatureId));
    }
    switch (scenario) {
      case 'liveness-attack':
        return success(errorCodeData(signatureId, 'LIVENESS_ATTACK')!);
      case 'similarity-fail':
        return success(errorCodeData(signatureId, 'SIMILARITY_FAIL')!);
      case 'forged':
        return success(errorCodeData(signatureId, 'ID_FORGERY_DETECTED')!);
      case 'photocopy':
        return success(passData(signatureId, { forgeryLabels: ['photocopy'] }));
      case 'screen':
        return success(passData(signatureId, { forgeryLabels: ['screen'] }));
      case 'blurry':
        return success(passData(signatureId, { qualityLabels: { front: ['blur'], back: [] } }));
      case 'dark':
        return success(passData(signatureId, { qualityLabels: { front: ['dark'], back: [] } }));
      case 'pending':
        return success(pendingData(signatureId));
      case 'fail-no-reason':
        return success(failWithoutReasonData(signatureId));
      case 'unclear':
        return success(unclearData(signatureId));
      case 'server-error':
        return { status: 500, json: envelope('ERROR', SERVER_ERROR_MESSAGE, null) };
      case 'hang':
        return 'hang';
      case 'garbage':
        return GARBAGE;
      default:
        return success(passData(signatureId));
    }
  };

  const running = await startSimulatorServer(
    'ADVANCE_AI',
    (req) => {
      if (req.path === TOKEN_PATH && req.method === 'POST') return issueToken(req);
      if (req.path === GET_RESULT_PATH && req.method === 'POST') return getResult(req);
      return { status: 404, json: { status: 404, error: 'Not Found', path: req.path } };
    },
    options,
  );
  return {
    vendor: running.vendor,
    url: running.url,
    close: () => running.close(),
    get requestCount() {
      return running.requestCount;
    },
    get tokensIssued() {
      return tokensIssued;
    },
    revokeTokens: () => tokens.clear(),
  };
}

function tokenError(kind: keyof typeof TOKEN_ERRORS, status = 200): SimResponse {
  const [code, message] = TOKEN_ERRORS[kind];
  return { status, json: envelope(code, message, null) };
}

function tokenRefused(): SimResponse {
  return { status: 401, json: envelope('IAM_FAILED', 'Access Denied', null) };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
