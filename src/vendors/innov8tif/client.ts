import { emptyOutcome, type VendorOutcome, type VerdictCheck } from '../../signals/model';
import { guardCall } from '../guard-call';
import { VendorHttpClient } from '../http';
import { imageFetchFailure } from '../image-fetch-failure';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../vendor';
import type { Innov8tifConfig } from './module';
import { buildInnov8tifRequestParts, toInnov8tifOutcome } from './transformers';

/** The documented path, appended to the configured base URL. */
const INNOV8TIF_KH_ID_BACK_PATH = '/ekyc/api/ekyc/v1/doc-verify/kh-id-back';

const BASE64_ONLY = /^[A-Za-z0-9+/=]*$/;

/**
 * Innov8tif OkayDoc for the back of a Cambodian ID card: landmark (security feature) scores and
 * blur / brightness / colour-mode checks. The API takes base64 only, so an image given as a URL is
 * fetched first. The API key travels in the JSON body, never in a header. `call` never rejects.
 */
export class Innov8tifAdapter implements VendorAdapter {
  readonly vendor = 'INNOV8TIF' as const;
  readonly checks: readonly VerdictCheck[] = ['DOCUMENT', 'QUALITY'];
  private readonly http: VendorHttpClient;

  constructor(private readonly config: Innov8tifConfig) {
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
  }

  /** Keyed by the back image only: the one input this vendor reads. */
  inputKey(request: VerificationRequest): string | null {
    const back = request.documentBack;
    if (back === null) return null;
    return back.kind === 'base64' ? `back:sha256:${back.sha256}` : `back:url:${back.url}`;
  }

  call(request: VerificationRequest, context: VendorCallContext): Promise<VendorOutcome> {
    return guardCall(this.vendor, async () => {
      const back = request.documentBack;
      if (back === null) return emptyOutcome(this.vendor, 'SKIPPED', null, 'the back image of the ID card was not given');
      const base64 = back.kind === 'base64' ? back.base64 : await this.fetchImage(back.url, context);
      const body = BASE64_ONLY.test(base64)
        ? buildInnov8tifRequestParts(request.caseNo, this.config.apiKey, base64)
        : JSON.stringify({ caseNo: request.caseNo, apiKey: this.config.apiKey, idImageBase64Image: base64 });
      const response = await this.http.request({
        method: 'POST',
        path: INNOV8TIF_KH_ID_BACK_PATH,
        body,
        signal: context.signal,
        call: context,
      });
      return toInnov8tifOutcome(response.status, response.json);
    });
  }

  close(): Promise<void> {
    return this.http.close();
  }

  /** The image's base64; a URL that cannot be had throws as imageFetchFailure says (guardCall makes it FAILED). */
  private async fetchImage(url: string, context: VendorCallContext): Promise<string> {
    try {
      return await context.fetchImageBase64(url, context.signal);
    } catch (error) {
      throw imageFetchFailure(error, context.signal, 'the back image URL could not be fetched');
    }
  }
}
