import { httpUrlVar, requireVar } from '../../config/env-readers';
import type { CommonVendorConfig, VendorModule } from '../vendor';
import { Innov8tifAdapter } from './client';

export interface Innov8tifConfig extends CommonVendorConfig {
  /** Sent in the request body as `apiKey`. Secret: never logged. */
  apiKey: string;
}

const BASE_URL_VARIABLE = 'INNOV8TIF_BASE_URL';
const API_KEY_VARIABLE = 'INNOV8TIF_API_KEY';

/** Innov8tif OkayDoc: landmark scores and quality checks for the back of a Cambodian ID card. */
export const innov8tifModule: VendorModule<Innov8tifConfig> = {
  vendor: 'INNOV8TIF',
  baseUrlVariable: BASE_URL_VARIABLE,
  variables: [API_KEY_VARIABLE],

  readConfig(env, timeoutMs) {
    const baseUrl = httpUrlVar(env, BASE_URL_VARIABLE);
    if (baseUrl === null) return null;
    const apiKey = requireVar(env, API_KEY_VARIABLE, `when ${BASE_URL_VARIABLE} is set`);
    return { baseUrl, timeoutMs, apiKey };
  },


  createAdapter(config) {
    return new Innov8tifAdapter(config);
  },
};
