import { httpUrlVar, requireVar } from '../../config/env-readers';
import type { CommonVendorConfig, VendorModule } from '../vendor';
import { ComputervisionVnAdapter } from './client';

/** computervision.com.vn settings: HTTP Basic credentials (api_key as user, api_secret as password). */
export interface ComputervisionVnConfig extends CommonVendorConfig {
  apiKey: string;
  apiSecret: string;
}

const BASE_URL = 'COMPUTERVISION_VN_BASE_URL';
const API_KEY = 'COMPUTERVISION_VN_API_KEY';
const API_SECRET = 'COMPUTERVISION_VN_API_SECRET';

/** The gateway's entry for computervision.com.vn: unset base URL means the in-process simulator serves it. */
export const computervisionVnModule: VendorModule<ComputervisionVnConfig> = {
  vendor: 'COMPUTERVISION_VN',
  baseUrlVariable: BASE_URL,
  variables: [API_KEY, API_SECRET],
  readConfig(env, timeoutMs) {
    const baseUrl = httpUrlVar(env, BASE_URL);
    if (baseUrl === null) return null;
    const because = `when ${BASE_URL} is set`;
    return { baseUrl, timeoutMs, apiKey: requireVar(env, API_KEY, because), apiSecret: requireVar(env, API_SECRET, because) };
  },
  createAdapter(config) {
    return new ComputervisionVnAdapter(config);
  },
};
