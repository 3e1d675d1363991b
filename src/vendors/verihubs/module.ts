import { httpUrlVar, requireVar } from '../../config/env-readers';
import type { VendorModule } from '../vendor';
import { VerihubsAdapter, type VerihubsConfig } from './client';

const BASE_URL_VARIABLE = 'VERIHUBS_BASE_URL';
const APP_ID_VARIABLE = 'VERIHUBS_APP_ID';
const API_KEY_VARIABLE = 'VERIHUBS_API_KEY';

/**
 * Verihubs in the gateway. With VERIHUBS_BASE_URL unset the vendor is served by its simulator; with it
 * set, both credentials are required and a missing one stops the start naming the variable.
 */
export const verihubsModule: VendorModule<VerihubsConfig> = {
  vendor: 'VERIHUBS',
  baseUrlVariable: BASE_URL_VARIABLE,
  variables: [APP_ID_VARIABLE, API_KEY_VARIABLE],

  readConfig(env, timeoutMs) {
    const baseUrl = httpUrlVar(env, BASE_URL_VARIABLE);
    if (baseUrl === null) return null;
    const because = `when ${BASE_URL_VARIABLE} is set`;
    return {
      baseUrl,
      timeoutMs,
      appId: requireVar(env, APP_ID_VARIABLE, because),
      apiKey: requireVar(env, API_KEY_VARIABLE, because),
    };
  },


  createAdapter(config) {
    return new VerihubsAdapter(config);
  },
};
