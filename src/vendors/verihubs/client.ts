import type { VendorOutcome, VerdictCheck } from '../../signals/model';
import { VendorAdapterBase } from '../adapter-base';
import { VendorHttpClient } from '../http';
import { imageKey } from '../image-key';
import type { ImageRef, VerificationRequest } from '../vendor';
import type { VendorCall } from '../vendor-call';
import type { VerihubsConfig } from './module';
import { VERIHUBS_PATHS } from './paths';
import { toRequestParts, toOutcome } from './transformers';

/**
 * Verihubs ID Forgery for Indonesian KTP: sends the front image (base64 or URL; the vendor fetches
 * URLs itself) and reads a forgery verdict plus image quality.
 */
export class VerihubsAdapter extends VendorAdapterBase<ImageRef> {
  readonly vendor = 'VERIHUBS' as const;
  readonly checks: readonly VerdictCheck[] = ['DOCUMENT', 'QUALITY'];
  protected readonly missingInput = 'no KTP front image given';
  private readonly http: VendorHttpClient;

  constructor(private readonly config: VerihubsConfig) {
    super();
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
  }

  protected inputOf(request: VerificationRequest): ImageRef | null {
    return request.documentFront;
  }

  protected keyOf(front: ImageRef): string {
    return `front:${imageKey(front)}`;
  }

  protected async send(front: ImageRef, call: VendorCall): Promise<VendorOutcome> {
    const response = await call.send(this.http, {
      method: 'POST',
      path: VERIHUBS_PATHS.idForgery,
      headers: { 'App-ID': this.config.appId, 'API-Key': this.config.apiKey },
      body: toRequestParts(front),
    });
    return toOutcome(response.status, response.json);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
