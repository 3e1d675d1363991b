import { emptyOutcome, type VendorOutcome, type VerdictCheck } from '../../signals/model';
import { guardCall } from '../guard-call';
import { VendorHttpClient, VendorTransportError } from '../http';
import { imageFetchFailure } from '../image-fetch-failure';
import type { ImageRef, VendorAdapter, VendorCallContext, VerificationRequest } from '../vendor';
import type { ComputervisionVnConfig } from './module';
import type { BodyParts } from '../body-parts';
import {
  toComputervisionVnBase64Parts,
  toComputervisionVnOutcome,
  toComputervisionVnUrlCall,
  type ComputervisionVnCall,
} from './transformers';

/** A planned call; a base64 body goes as parts around the images (sent without copying them). */
type PlannedCall = ComputervisionVnCall | { method: 'POST'; path: string; query: Record<string, string>; body: BodyParts };

const BASE64_ONLY = /^[A-Za-z0-9+/=]+$/;
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id'];

function imageKey(image: ImageRef): string {
  return image.kind === 'base64' ? `sha256:${image.sha256}` : `url:${image.url}`;
}

function headerText(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && text.trim() !== '' ? text.trim() : null;
}

/**
 * computervision.com.vn eKYC: OCR and validity warnings for Vietnamese identity documents.
 *
 * Needs the front image; with a back image too it makes the two-sided call (`/cards`), otherwise the
 * one-side call (`/card`). Images all given as URLs go by the documented GET form (the vendor fetches
 * them); otherwise URL images are fetched here and everything goes as base64 JSON, since the vendor
 * has no form mixing the two. Auth is HTTP Basic with api_key:api_secret on every call.
 */
export class ComputervisionVnAdapter implements VendorAdapter {
  readonly vendor = 'COMPUTERVISION_VN' as const;
  readonly checks: readonly VerdictCheck[] = ['OCR', 'DOCUMENT'];
  private readonly http: VendorHttpClient;
  private readonly authorization: string;

  constructor(config: ComputervisionVnConfig) {
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
    this.authorization = `Basic ${Buffer.from(`${config.apiKey}:${config.apiSecret}`, 'utf8').toString('base64')}`;
  }

  inputKey(request: VerificationRequest): string | null {
    if (request.documentFront === null) return null;
    const back = request.documentBack === null ? '' : imageKey(request.documentBack);
    return `front=${imageKey(request.documentFront)};back=${back}`;
  }

  call(request: VerificationRequest, context: VendorCallContext): Promise<VendorOutcome> {
    return guardCall(this.vendor, async () => {
      const front = request.documentFront;
      if (front === null) return emptyOutcome(this.vendor, 'SKIPPED', null, 'front image missing');
      const call = await this.plan(front, request.documentBack, context);
      const response = await this.http.request({
        ...call,
        headers: { authorization: this.authorization },
        signal: context.signal,
        call: context,
      });
      const reference = REQUEST_ID_HEADERS.map((name) => headerText(response.headers[name])).find((id) => id !== null) ?? null;
      return toComputervisionVnOutcome(response.status, response.json, reference, request.documentBack === null ? 1 : 2);
    });
  }

  /**
   * The call for these images. A URL image that has to be sent as bytes and cannot be fetched throws
   * as imageFetchFailure says (a precise IMAGE_* code); guardCall makes it the FAILED outcome.
   */
  private async plan(front: ImageRef, back: ImageRef | null, context: VendorCallContext): Promise<PlannedCall> {
    if (front.kind === 'url' && (back === null || back.kind === 'url')) {
      return toComputervisionVnUrlCall(front.url, back === null ? null : back.url);
    }
    const frontBase64 = await this.bytesOf(front, context);
    const backBase64 = back === null ? null : await this.bytesOf(back, context);
    const { parts, ...call } = toComputervisionVnBase64Parts(frontBase64, backBase64);
    return { ...call, body: parts };
  }

  private async bytesOf(image: ImageRef, context: VendorCallContext): Promise<string> {
    if (image.kind === 'base64') return image.base64;
    let base64: string;
    try {
      base64 = await context.fetchImageBase64(image.url, context.signal);
    } catch (error) {
      throw imageFetchFailure(error, context.signal, 'an image URL could not be fetched');
    }
    // The body is written around the text, so it must be base64 and nothing else.
    if (!BASE64_ONLY.test(base64)) throw new VendorTransportError('IMAGE_FETCH_FAILED', 'an image URL could not be fetched');
    return base64;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
