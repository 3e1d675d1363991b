import { HUAWEI_PATHS } from '../../vendors/huawei-ocr/paths';
import { startSimulatorServer } from '../http-server';
import type { RunningSimulator, SimulatorOptions } from '../simulator';
import { errorResponse } from './answers';
import { SimulatedIam } from './iam';
import { ocrAnswer } from './ocr-route';

const OCR_PATH = /^\/v2\/([^/]+)\/ocr\/cambodian-idcard$/;

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
  const iam = new SimulatedIam(options.tokenTtlMs ?? 24 * 60 * 60 * 1000, options.now ?? Date.now);
  const running = await startSimulatorServer(
    'HUAWEI_OCR',
    (req) => {
      if (req.method === 'POST' && req.path === HUAWEI_PATHS.iamToken) return iam.issue(req);
      const match = OCR_PATH.exec(req.path);
      if (req.method === 'POST' && match) return ocrAnswer(req, decodeURIComponent(match[1]!), iam);
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
    tokensIssued: () => iam.issued,
  };
}
