import type { VendorOutcome, VerdictCheck } from '../../signals/model';
import { VendorAdapterBase } from '../adapter-base';
import type { BodyParts } from '../body-parts';
import { VendorHttpClient } from '../http';
import { imageKey } from '../image-key';
import type { ImageRef, VerificationRequest } from '../vendor';
import type { VendorCall } from '../vendor-call';
import type { ComputervisionVnConfig } from './module';
import { toBase64Parts, toOutcome, toUrlCall, type ComputervisionVnCall } from './transformers';

/** A planned call; a base64 body goes as parts around the images (sent without copying them). */
type PlannedCall = ComputervisionVnCall | { method: 'POST'; path: string; query: Record<string, string>; body: BodyParts };

/** The sides this vendor reads: the front always, the back when given. */
interface CardImages {
  front: ImageRef;
  back: ImageRef | null;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id'];

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
export class ComputervisionVnAdapter extends VendorAdapterBase<CardImages> {
  readonly vendor = 'COMPUTERVISION_VN' as const;
  readonly checks: readonly VerdictCheck[] = ['OCR', 'DOCUMENT'];
  protected readonly missingInput = 'front image missing';
  private readonly http: VendorHttpClient;
  private readonly authorization: string;

  constructor(config: ComputervisionVnConfig) {
    super();
    this.http = new VendorHttpClient(config.baseUrl, config.timeoutMs);
    this.authorization = `Basic ${Buffer.from(`${config.apiKey}:${config.apiSecret}`, 'utf8').toString('base64')}`;
  }

  protected inputOf(request: VerificationRequest): CardImages | null {
    return request.documentFront === null ? null : { front: request.documentFront, back: request.documentBack };
  }

  protected keyOf({ front, back }: CardImages): string {
    return `front=${imageKey(front)};back=${back === null ? '' : imageKey(back)}`;
  }

  protected async send(images: CardImages, call: VendorCall): Promise<VendorOutcome> {
    const planned = await this.plan(images, call);
    const response = await call.send(this.http, { ...planned, headers: { authorization: this.authorization } });
    const reference = REQUEST_ID_HEADERS.map((name) => headerText(response.headers[name])).find((id) => id !== null) ?? null;
    return toOutcome(response.status, response.json, reference, images.back === null ? 1 : 2);
  }

  /** The call for these images: the GET form when every image is a URL, base64 JSON otherwise. */
  private async plan({ front, back }: CardImages, call: VendorCall): Promise<PlannedCall> {
    if (front.kind === 'url' && (back === null || back.kind === 'url')) {
      return toUrlCall(front.url, back === null ? null : back.url);
    }
    const frontBase64 = await call.imageBase64(front, 'an image URL');
    const backBase64 = back === null ? null : await call.imageBase64(back, 'an image URL');
    const { parts, ...planned } = toBase64Parts(frontBase64, backBase64);
    return { ...planned, body: parts };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
