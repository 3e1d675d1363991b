import { VendorHttpClient, VendorTransportError, type VendorHttpRequest, type VendorHttpResponse } from './http';
import { imageFetchFailure } from './image-fetch-failure';
import { NOTHING_OBSERVED, type AttemptObservation } from './resilience/attempt-probe';
import { VendorTokenError } from './token-error';
import type { ImageRef, VendorCallContext } from './vendor';

/** The fetched image text must be base64 and nothing else: request bodies are written around it. */
const BASE64_ONLY = /^[A-Za-z0-9+/=]+$/;

/**
 * One attempt of one vendor call, as the adapter kit hands it to an adapter: the only way an adapter
 * reaches the network. It sends under the attempt's deadline with the caller's trace headers, fetches
 * URL images for vendors that take bytes, waits for tokens, and keeps what the transport saw last so
 * the kit can give it to the retry policy with the outcome. Adapters never see that bookkeeping.
 */
export class VendorCall {
  private seen: AttemptObservation = NOTHING_OBSERVED;

  constructor(private readonly context: VendorCallContext) {}

  /** Aborts when the verification's deadline passes or the client goes away. */
  get signal(): AbortSignal {
    return this.context.signal;
  }

  /** Sends one request of this attempt through the vendor's client. */
  async send(http: VendorHttpClient, request: Omit<VendorHttpRequest, 'signal' | 'traceHeaders'>): Promise<VendorHttpResponse> {
    try {
      const response = await http.request({ ...request, signal: this.context.signal, traceHeaders: this.context.traceHeaders });
      this.seen = response.observed;
      return response;
    } catch (error) {
      this.noteFailure(error);
      throw error;
    }
  }

  /**
   * Waits for a token from a source shared by every caller. Its fetch is no one attempt's request, so
   * how it failed is noted here for this attempt (a reset, an HTTP 503 of the token service).
   */
  async token<T>(fetch: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await fetch(this.context.signal);
    } catch (error) {
      this.noteFailure(error);
      throw error;
    }
  }

  /**
   * The image as base64: as given, or fetched from its URL for vendors whose API takes bytes only. A
   * URL that cannot be had throws as imageFetchFailure says (FAILED with a precise IMAGE_* code).
   */
  async imageBase64(image: ImageRef, what: string): Promise<string> {
    if (image.kind === 'base64') return image.base64;
    let base64: string;
    try {
      base64 = await this.context.fetchImageBase64(image.url, this.context.signal);
    } catch (error) {
      throw imageFetchFailure(error, this.context.signal, `${what} could not be fetched`);
    }
    if (!BASE64_ONLY.test(base64)) throw new VendorTransportError('IMAGE_FETCH_FAILED', `${what} could not be fetched`);
    return base64;
  }

  /** What the transport saw last during this attempt. */
  observation(): AttemptObservation {
    return this.seen;
  }

  private noteFailure(error: unknown): void {
    if (error instanceof VendorTransportError) this.seen = { ...this.seen, transportError: error.code };
    else if (error instanceof VendorTokenError && error.httpStatus !== null) this.seen = { ...this.seen, httpStatus: error.httpStatus };
  }
}
