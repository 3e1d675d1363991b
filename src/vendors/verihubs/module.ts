import type { CommonVendorConfig, VendorModule } from '../vendor';
import { readVendorVariables } from '../vendor-env';
import { VerihubsAdapter } from './client';
import { VERIHUBS_CODES } from './transformers';

/** Verihubs credentials: the App-ID and API-Key pair from the Verihubs Client Dashboard. */
export interface VerihubsConfig extends CommonVendorConfig {
  appId: string;
  apiKey: string;
}

const BASE_URL = 'VERIHUBS_BASE_URL';
const APP_ID = 'VERIHUBS_APP_ID';
const API_KEY = 'VERIHUBS_API_KEY';

/** Verihubs ID Forgery: forgery verdict and image quality for an Indonesian KTP. */
export const verihubsModule: VendorModule<VerihubsConfig, 'VERIHUBS'> = {
  vendor: 'VERIHUBS',
  slug: 'verihubs',
  baseUrlVariable: BASE_URL,
  variables: [APP_ID, API_KEY],
  documentedCodes: VERIHUBS_CODES,
  codes: { transient: ['INTERNAL_SERVER_ERROR'], throttled: [], quota: ['INSUFFICIENT_QUOTA'], transientOn5xx: [] },
  readConfig(env, timeoutMs) {
    const read = readVendorVariables(env, BASE_URL, [APP_ID, API_KEY]);
    return read && { baseUrl: read.baseUrl, timeoutMs, appId: read.values[APP_ID], apiKey: read.values[API_KEY] };
  },
  createAdapter: (config) => new VerihubsAdapter(config),
  loadSimulator: async () => (await import('../../simulators/verihubs/simulator-module')).verihubsSimulator,
};
