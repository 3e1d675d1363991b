import type { CommonVendorConfig, VendorModule } from '../vendor';
import { readVendorVariables } from '../vendor-env';
import { Innov8tifAdapter } from './client';
import { INNOV8TIF_MESSAGE_CODES } from './transformers';

export interface Innov8tifConfig extends CommonVendorConfig {
  /** Sent in the request body as `apiKey`. Secret: never logged. */
  apiKey: string;
}

const BASE_URL = 'INNOV8TIF_BASE_URL';
const API_KEY = 'INNOV8TIF_API_KEY';

/** Innov8tif OkayDoc: landmark scores and quality checks for the back of a Cambodian ID card. */
export const innov8tifModule: VendorModule<Innov8tifConfig, 'INNOV8TIF'> = {
  vendor: 'INNOV8TIF',
  slug: 'innov8tif',
  baseUrlVariable: BASE_URL,
  variables: [API_KEY],
  // api.success is the answer itself (no code kept); the others are its documented errors.
  documentedCodes: INNOV8TIF_MESSAGE_CODES.filter((code) => code !== 'api.success'),
  codes: { transient: ['api.internal.error'], throttled: [], quota: [], transientOn5xx: [] },
  readConfig(env, timeoutMs) {
    const read = readVendorVariables(env, BASE_URL, [API_KEY]);
    return read && { baseUrl: read.baseUrl, timeoutMs, apiKey: read.values[API_KEY] };
  },
  createAdapter: (config) => new Innov8tifAdapter(config),
  loadSimulator: async () => (await import('../../simulators/innov8tif/simulator-module')).innov8tifSimulator,
};
