import { emptyOutcome, type VendorOutcome, type VerdictCheck } from '../../signals/model';
import { guardCall } from '../guard-call';
import { VendorHttpClient } from '../http';
import type { CommonVendorConfig, VendorAdapter, VendorCallContext, VerificationRequest } from '../vendor';
import { VERIHUBS_ID_FORGERY_PATH, buildVerihubsRequestParts, toVerihubsOutcome } from './transformers';

/** Verihubs credentials: the App-ID and API-Key pair from the Verihubs Client Dashboard. */
export interface VerihubsConfig extends CommonVendorConfig {
  appId: string;
  apiKey: string;
}

/**
 * Verihubs ID Forgery for Indonesian KTP: sends the front image (base64 or URL) and reads a forgery
 * verdict plus image quality. Needs only `documentFront`; without it the vendor is skipped.
 */
export class VerihubsAdapter implements VendorAdapter {
  readonly vendor = 'VERIHUBS' as const;
  readonly checks: readonly VerdictCheck[] = ['DOCUMENT', 'QUALITY'];
  private readonly http: VendorHttpClient;

  constructor(private readonly config: VerihubsConfig) {
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
  }

  inputKey(request: VerificationRequest): string | null {
    const front = request.documentFront;
    if (front === null) return null;
    return front.kind === 'base64' ? `front:sha256:${front.sha256}` : `front:url:${front.url}`;
  }

  call(request: VerificationRequest, context: VendorCallContext): Promise<VendorOutcome> {
    const front = request.documentFront;
    if (front === null) return Promise.resolve(emptyOutcome(this.vendor, 'SKIPPED', null, 'no KTP front image given'));
    return guardCall(this.vendor, async () => {
      const response = await this.http.request({
        method: 'POST',
        path: VERIHUBS_ID_FORGERY_PATH,
        headers: { 'App-ID': this.config.appId, 'API-Key': this.config.apiKey },
        body: buildVerihubsRequestParts(front),
        signal: context.signal,
        call: context,
      });
      return toVerihubsOutcome(response.status, response.json);
    });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
