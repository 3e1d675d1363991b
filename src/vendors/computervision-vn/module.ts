import type { CommonVendorConfig, VendorModule } from '../vendor';
import { readVendorVariables } from '../vendor-env';
import { ComputervisionVnAdapter } from './client';
import { COMPUTERVISION_VN_ERROR_CODES } from './types';

/** computervision.com.vn settings: HTTP Basic credentials (api_key as user, api_secret as password). */
export interface ComputervisionVnConfig extends CommonVendorConfig {
  apiKey: string;
  apiSecret: string;
}

const BASE_URL = 'COMPUTERVISION_VN_BASE_URL';
const API_KEY = 'COMPUTERVISION_VN_API_KEY';
const API_SECRET = 'COMPUTERVISION_VN_API_SECRET';

/** computervision.com.vn eKYC: OCR of Vietnamese identity documents and their validity warnings. */
export const computervisionVnModule: VendorModule<ComputervisionVnConfig, 'COMPUTERVISION_VN'> = {
  vendor: 'COMPUTERVISION_VN',
  slug: 'cvvn',
  baseUrlVariable: BASE_URL,
  variables: [API_KEY, API_SECRET],
  // Envelope code 4: "Out of requests".
  documentedCodes: COMPUTERVISION_VN_ERROR_CODES,
  codes: { transient: [], throttled: [], quota: ['4'], transientOn5xx: [] },
  readConfig(env, timeoutMs) {
    const read = readVendorVariables(env, BASE_URL, [API_KEY, API_SECRET]);
    return read && { baseUrl: read.baseUrl, timeoutMs, apiKey: read.values[API_KEY], apiSecret: read.values[API_SECRET] };
  },
  createAdapter: (config) => new ComputervisionVnAdapter(config),
  loadSimulator: async () => (await import('../../simulators/computervision-vn/simulator-module')).computervisionVnSimulator,
};
