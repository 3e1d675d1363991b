import { request, type Dispatcher } from 'undici';
import { VendorTimeoutError, VendorTransportError } from '../vendors/http';
import { BlockedAddressError } from './guarded-agent';
import { MAX_IMAGE_BYTES, sniffImage } from './image-check';

/**
 * Fetches an image URL for a vendor whose API takes bytes only, within the vendor call's deadline and
 * the same size and format limits as a base64 image. Failures surface as vendor transport errors so
 * the vendor that needed the image is FAILED (IMAGE_FETCH_FAILED) and the others go on. `dispatcher`
 * is the guarded agent (guarded-agent.ts): it refuses to connect to a non-public address.
 */
export function imageFetcher(dispatcher: Dispatcher): (url: string, signal: AbortSignal) => Promise<string> {
  return (url, signal) => fetchImageBase64(url, signal, dispatcher);
}

async function fetchImageBase64(url: string, signal: AbortSignal, dispatcher: Dispatcher): Promise<string> {
  let res;
  try {
    res = await request(url, { method: 'GET', signal, dispatcher, headersTimeout: 10_000, bodyTimeout: 10_000 });
  } catch (error) {
    if (signal.aborted) throw new VendorTimeoutError('image fetch did not finish before the deadline');
    if (error instanceof BlockedAddressError) throw new VendorTransportError('IMAGE_FETCH_FAILED', 'the image URL points at a non-public address');
    throw new VendorTransportError('IMAGE_FETCH_FAILED', 'the image URL could not be fetched');
  }
  if (res.statusCode !== 200) {
    res.body.destroy();
    throw new VendorTransportError('IMAGE_FETCH_FAILED', `the image URL answered HTTP ${res.statusCode}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_IMAGE_BYTES) {
      res.body.destroy();
      throw new VendorTransportError('IMAGE_TOO_LARGE', 'the image URL returned more than the size limit');
    }
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  if (sniffImage(bytes) === null) throw new VendorTransportError('IMAGE_FORMAT', 'the image URL did not return a JPEG or PNG');
  return bytes.toString('base64');
}
