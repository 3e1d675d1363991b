import type { CommonVendorConfig, VendorModule } from '../vendor';
import { readVendorVariables } from '../vendor-env';
import { AdvanceAiAdapter } from './client';
import { DEFAULT_TOKEN_PERIOD_SECONDS } from './token-issuer';
import { ADVANCE_ERROR_CODES } from './codes';

export interface AdvanceAiConfig extends CommonVendorConfig {
  accessKey: string;
  secretKey: string;
  /** Lifetime asked of each access token (vendor range 60..86400 seconds). */
  tokenPeriodSeconds: number;
}

const BASE_URL = 'ADVANCE_BASE_URL';
const ACCESS_KEY = 'ADVANCE_ACCESS_KEY';
const SECRET_KEY = 'ADVANCE_SECRET_KEY';

/**
 * ADVANCE.AI IDVS: face liveness and similarity, document OCR, forgery and quality labels and a
 * final verdict, pulled by the signatureId of the vendor's hosted capture flow.
 */
export const advanceAiModule: VendorModule<AdvanceAiConfig, 'ADVANCE_AI'> = {
  vendor: 'ADVANCE_AI',
  slug: 'advance',
  baseUrlVariable: BASE_URL,
  variables: [ACCESS_KEY, SECRET_KEY],
  documentedCodes: ADVANCE_ERROR_CODES,
  codes: { transient: [], throttled: [], quota: [], transientOn5xx: ['ERROR'] },
  readConfig(env, timeoutMs) {
    const read = readVendorVariables(env, BASE_URL, [ACCESS_KEY, SECRET_KEY]);
    if (read === null) return null;
    const { [ACCESS_KEY]: accessKey, [SECRET_KEY]: secretKey } = read.values;
    return { baseUrl: read.baseUrl, timeoutMs, accessKey, secretKey, tokenPeriodSeconds: DEFAULT_TOKEN_PERIOD_SECONDS };
  },
  createAdapter: (config) => new AdvanceAiAdapter(config),
  loadSimulator: async () => (await import('../../simulators/advance-ai/simulator-module')).advanceAiSimulator,
};
