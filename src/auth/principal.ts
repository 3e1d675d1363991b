import type { RateLimit } from './rate-limiter';

/** The caller, as an authenticated API key. */
export interface Principal {
  keyId: string;
  name: string;
  scopes: string[];
  rateLimit: RateLimit | null;
}
