import { COMPUTERVISION_VN_PATHS } from '../../vendors/computervision-vn/paths';
import { timingSafeEqual } from 'node:crypto';
import { toRecord } from '../../signals/lenient';
import type { RunningSimulator, SimulatorOptions } from '../simulator';
import { GARBAGE, startSimulatorServer, type SimRequest, type SimResponse } from '../http-server';
import { errorCodeOf, pickScenario, scenariosFromImage, VENDOR_SLUGS } from '../scenario';
import { CVVN_SIM_API_KEY, CVVN_SIM_API_SECRET } from './credentials';
import { cardDocuments, CVVN_ERROR_MESSAGES, CVVN_ODD_VERDICTS, CVVN_WARNINGS, errorEnvelope, successEnvelope, type CvvnCardVariant } from './responses';

/** Documented routes: `/card` takes `img`, `/cards` takes `img1` (front) and `img2` (back). */
const ROUTES: Readonly<Record<string, readonly string[]>> = {
  [COMPUTERVISION_VN_PATHS.card]: ['img'],
  [COMPUTERVISION_VN_PATHS.cards]: ['img1', 'img2'],
};

const EXPECTED_AUTH = Buffer.from(`Basic ${Buffer.from(`${CVVN_SIM_API_KEY}:${CVVN_SIM_API_SECRET}`).toString('base64')}`);

function authorised(header: string | undefined): boolean {
  const given = Buffer.from(header ?? '');
  return given.length === EXPECTED_AUTH.length && timingSafeEqual(given, EXPECTED_AUTH);
}

function codeAnswer(code: string): SimResponse {
  // The page does not say which HTTP status carries its error codes. Bad credentials answer 401 (with
  // a Basic challenge, as an HTTP Basic API does) and the envelope's code "5"; the other codes are
  // about the input, read from the body of a 200 like the success envelope.
  if (code === '5') return { status: 401, json: errorEnvelope('5'), headers: { 'www-authenticate': 'Basic realm="api"' } };
  return { status: 200, json: errorEnvelope(code) };
}

/** JPEG or PNG bytes, after the whitespace Python's base64.encodebytes puts in every 76 characters. */
function isImageBase64(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.replace(/\s+/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return false;
  const bytes = Buffer.from(text.slice(0, 16), 'base64');
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  const png = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return jpeg || png;
}

function isHttpUrl(value: string | null): value is string {
  if (value === null) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The images of a request, or the envelope code the vendor answers for bad input. GET speaks only
 * `format_type=url`; POST here speaks only the JSON form (`format_type=base64`): a `file` upload is
 * multipart, which this simulator does not read, so it finds no image ("3"). The simulator never
 * fetches URLs: a URL that is not http(s) is "Url is unavailable".
 */
function readImages(req: SimRequest, keys: readonly string[]): { images: string[] } | { code: string } {
  const format = req.query.get('format_type');
  if (req.method === 'GET') {
    if (format !== 'url') return { code: '6' };
    const urls = keys.map((key) => req.query.get(key));
    return urls.every(isHttpUrl) ? { images: urls } : { code: '2' };
  }
  if (format === 'file') return { code: '3' };
  if (format !== 'base64') return { code: '6' };
  const body = toRecord(req.json);
  const images = keys.map((key) => body?.[key]);
  return images.every(isImageBase64) ? { images: images as string[] } : { code: '3' };
}

function cardVariant(scenario: string): CvvnCardVariant {
  if (scenario === 'low-ocr' || scenario === 'expired' || scenario === 'missing-back' || scenario in CVVN_WARNINGS || scenario in CVVN_ODD_VERDICTS)
    return scenario as CvvnCardVariant;
  return 'pass';
}

function handle(req: SimRequest): SimResponse {
  const keys = ROUTES[req.path];
  if (keys === undefined) return { status: 404, json: { message: 'Not Found' } };
  if (req.method !== 'GET' && req.method !== 'POST') return { status: 405, json: { message: 'Method Not Allowed' } };
  if (!authorised(req.headers.authorization)) return codeAnswer('5');
  const read = readImages(req, keys);
  if ('code' in read) return codeAnswer(read.code);

  const scenario = pickScenario(
    VENDOR_SLUGS.COMPUTERVISION_VN,
    read.images.flatMap((image) => scenariosFromImage(image.replace(/\s+/g, ''))),
  );
  if (scenario === 'hang') return 'hang';
  if (scenario === 'garbage') return GARBAGE;
  // The page documents no 5xx body; a bare JSON message is what its web stack plausibly answers.
  if (scenario === 'server-error') return { status: 500, json: { message: 'Internal Server Error' } };
  const code = errorCodeOf(scenario);
  if (code !== null && code !== '0' && code in CVVN_ERROR_MESSAGES) return codeAnswer(code);

  const documents = cardDocuments(cardVariant(scenario), keys.length === 2, req.query.get('get_thumb') === 'true');
  return { status: 200, json: successEnvelope(documents) };
}

/** A computervision.com.vn eKYC simulator on loopback: both routes, both input forms, Basic auth. */
export function startComputervisionVnSimulator(options?: SimulatorOptions): Promise<RunningSimulator> {
  return startSimulatorServer('COMPUTERVISION_VN', handle, options);
}
