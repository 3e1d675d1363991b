import { httpUrlVar, requireVar } from '../../config/env-readers';
import type { VendorModule } from '../vendor';
import { AdvanceAiAdapter, type AdvanceAiConfig } from './client';
import { DEFAULT_TOKEN_PERIOD_SECONDS } from './token-cache';

export type { AdvanceAiConfig } from './client';

const BASE_URL_VARIABLE = 'ADVANCE_BASE_URL';
const ACCESS_KEY_VARIABLE = 'ADVANCE_ACCESS_KEY';
const SECRET_KEY_VARIABLE = 'ADVANCE_SECRET_KEY';

/**
 * ADVANCE.AI IDVS: face liveness and similarity, document OCR, forgery and quality labels and a
 * final verdict, pulled by the signatureId of the vendor's hosted capture flow.
 */
export const advanceAiModule: VendorModule<AdvanceAiConfig> = {
  vendor: 'ADVANCE_AI',
  baseUrlVariable: BASE_URL_VARIABLE,
  variables: [ACCESS_KEY_VARIABLE, SECRET_KEY_VARIABLE],

  readConfig(env, timeoutMs) {
    const baseUrl = httpUrlVar(env, BASE_URL_VARIABLE);
    if (baseUrl === null) return null;
    const because = `when ${BASE_URL_VARIABLE} is set`;
    const accessKey = requireVar(env, ACCESS_KEY_VARIABLE, because);
    const secretKey = requireVar(env, SECRET_KEY_VARIABLE, because);
    return { baseUrl, timeoutMs, accessKey, secretKey, tokenPeriodSeconds: DEFAULT_TOKEN_PERIOD_SECONDS };
  },


  createAdapter(config) {
    return new AdvanceAiAdapter(config);
  },
};
