import { VendorTimeoutError, VendorTransportError } from './http';

/**
 * What an adapter reports when the image it had to fetch could not be had: always a
 * VendorTransportError (FAILED), never a vendor TIMEOUT, since the vendor was not called. The image
 * host ran out the deadline: IMAGE_FETCH_TIMEOUT, which is neither retried nor counted against the
 * vendor's circuit breaker (else a few stalling URLs would pause the vendor for every other caller).
 * A fetcher's own precise code (IMAGE_TOO_LARGE, IMAGE_FORMAT ...) is kept; anything else is
 * IMAGE_FETCH_FAILED with `message`.
 */
export function imageFetchFailure(error: unknown, signal: AbortSignal, message: string): VendorTransportError {
  if (error instanceof VendorTransportError) return error;
  const name = (error as { name?: unknown })?.name;
  if (signal.aborted || error instanceof VendorTimeoutError || name === 'AbortError' || name === 'TimeoutError') return imageFetchTimeout();
  return new VendorTransportError('IMAGE_FETCH_FAILED', message);
}

export function imageFetchTimeout(): VendorTransportError {
  return new VendorTransportError('IMAGE_FETCH_TIMEOUT', 'the image URL did not send the image before the deadline');
}
