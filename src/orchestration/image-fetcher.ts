import { request, type Dispatcher } from 'undici';
import { discardBody } from '../vendors/discard-body';
import { VendorTransportError } from '../vendors/http';
import { imageFetchTimeout } from '../vendors/image-fetch-failure';
import { BlockedAddressError } from './guarded-agent';
import { MAX_IMAGE_BYTES, sniffImage } from './image-check';

/** How long the image host may take to send headers, and between two pieces of the body. */
const IMAGE_HOST_TIMEOUT_MS = 10_000;

/**
 * Fetches an image URL for a vendor whose API takes bytes only, within the signal of the call it serves and
 * the same size and format limits as a base64 image. Every failure is a VendorTransportError with a
 * precise code: IMAGE_FETCH_FAILED (unreachable, a status other than 200, a broken or stalled body),
 * IMAGE_FETCH_TIMEOUT (the deadline passed), IMAGE_TOO_LARGE or IMAGE_FORMAT, so the vendor
 * that needed the image is FAILED with that code and the others go on. A body not read to its end is
 * always discarded with discardBody, never left to emit an unheard 'error'. Messages never carry the
 * URL. `dispatcher` is the guarded agent (guarded-agent.ts): it refuses to connect to a non-public address.
 */
export function imageFetcher(dispatcher: Dispatcher): (url: string, signal: AbortSignal) => Promise<string> {
  return (url, signal) => fetchImageBase64(url, signal, dispatcher);
}

async function fetchImageBase64(url: string, signal: AbortSignal, dispatcher: Dispatcher): Promise<string> {
  let res;
  try {
    res = await request(url, { method: 'GET', signal, dispatcher, headersTimeout: IMAGE_HOST_TIMEOUT_MS, bodyTimeout: IMAGE_HOST_TIMEOUT_MS });
  } catch (error) {
    throw fetchFailure(error, signal, 'the image URL could not be fetched');
  }
  if (res.statusCode !== 200) {
    discardBody(res.body);
    throw new VendorTransportError('IMAGE_FETCH_FAILED', `the image URL answered HTTP ${res.statusCode}`);
  }
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_IMAGE_BYTES) {
    discardBody(res.body);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_IMAGE_BYTES) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    discardBody(res.body);
    throw fetchFailure(error, signal, 'the image URL broke off while sending the image');
  }
  const bytes = Buffer.concat(chunks);
  if (sniffImage(bytes) === null) throw new VendorTransportError('IMAGE_FORMAT', 'the image URL did not return a JPEG or PNG with a readable header');
  return bytes.toString('base64');
}

function tooLarge(): VendorTransportError {
  return new VendorTransportError('IMAGE_TOO_LARGE', `the image URL returned more than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
}

/** What a failed request or body read means for the vendor call; `broken` describes anything else. */
function fetchFailure(error: unknown, signal: AbortSignal, broken: string): Error {
  if (error instanceof VendorTransportError) return error;
  if (signal.aborted) return imageFetchTimeout();
  if (error instanceof BlockedAddressError) return new VendorTransportError('IMAGE_FETCH_FAILED', 'the image URL points at a non-public address');
  return new VendorTransportError('IMAGE_FETCH_FAILED', broken);
}
