import type { VendorOutcome, VerdictCheck } from '../../signals/model';
import { VendorAdapterBase } from '../adapter-base';
import { VendorHttpClient } from '../http';
import { imageKey } from '../image-key';
import type { ImageRef, VerificationRequest } from '../vendor';
import type { VendorCall } from '../vendor-call';
import type { Innov8tifConfig } from './module';
import { INNOV8TIF_PATHS } from './paths';
import { toRequestParts, toOutcome } from './transformers';

/**
 * Innov8tif OkayDoc for the back of a Cambodian ID card: landmark (security feature) scores and
 * blur / brightness / colour-mode checks. The API takes base64 only, so an image given as a URL is
 * fetched first. The API key travels in the JSON body, never in a header.
 */
export class Innov8tifAdapter extends VendorAdapterBase<ImageRef> {
  readonly vendor = 'INNOV8TIF' as const;
  readonly checks: readonly VerdictCheck[] = ['DOCUMENT', 'QUALITY'];
  protected readonly missingInput = 'the back image of the ID card was not given';
  private readonly http: VendorHttpClient;

  constructor(private readonly config: Innov8tifConfig) {
    super();
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
  }

  /** The back image only: the one input this vendor reads. */
  protected inputOf(request: VerificationRequest): ImageRef | null {
    return request.documentBack;
  }

  protected keyOf(back: ImageRef): string {
    return `back:${imageKey(back)}`;
  }

  protected async send(back: ImageRef, call: VendorCall, request: VerificationRequest): Promise<VendorOutcome> {
    const base64 = await call.imageBase64(back, 'the back image URL');
    const response = await call.send(this.http, {
      method: 'POST',
      path: INNOV8TIF_PATHS.khIdBack,
      body: toRequestParts(request.caseNo, this.config.apiKey, base64),
    });
    return toOutcome(response.status, response.json);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
