import type { Vendor } from '../signals/model';
import { byVendor } from '../vendors/registry';

/**
 * Named simulator scenarios and how a request selects them.
 *
 * A person picks a scenario through data that naturally reaches the vendor:
 * - an image URL with `scenario=<list>` in its query, or a path ending in `/samples/<list>.jpg`;
 * - a base64 image carrying the marker `EKYC-SCENARIO=<list>;` (the sample images served at
 *   `/samples/<list>.jpg` carry it in a JPEG comment);
 * - ADVANCE.AI's signatureId, which is read as a scenario list.
 *
 * `<list>` is one or more names separated by `,` or `+`. A name applies to every simulator that knows
 * it; prefix it with a vendor slug to aim it at one (`huawei:server-error`). Unknown names are a
 * clean pass.
 */
export const SCENARIOS: Readonly<Record<string, string>> = {
  pass: 'a clean pass (the default)',
  forged: 'the document is forged or tampered with',
  photocopy: 'the document is a photocopy',
  screen: 'the document was photographed from a screen',
  'low-landmarks': 'low security-feature (landmark) scores (Innov8tif)',
  'low-ocr': 'low OCR confidence on every field',
  blurry: 'a blurry image',
  dark: 'a dark image',
  expired: 'an expired document (OCR expiry date in the past)',
  'liveness-attack': 'face liveness below 50 (ADVANCE.AI)',
  'similarity-fail': 'face similarity below 70 (ADVANCE.AI)',
  pending: 'the face result is still processing (ADVANCE.AI nulls)',
  'invalid-unspecified': 'computervision.com.vn valid "False" with invalidCode 0',
  'invalid-no-code': 'computervision.com.vn valid "False" without invalidCode',
  'invalid-undocumented': 'computervision.com.vn valid "False" with the undocumented invalidCode 4',
  'valid-contradiction': 'computervision.com.vn valid "True" with warning code 2',
  'missing-back': 'computervision.com.vn answers the two-sided call with the front alone',
  'fail-quality-bare': 'Verihubs FAIL_ON_1 without image_quality',
  'fail-no-reason': 'a FAIL verdict without its errorCode (ADVANCE.AI)',
  unclear:
    'a verdict field the gateway cannot read: ADVANCE.AI idvResult REVIEW, computervision.com.vn valid "Unknown", a ' +
    'Verihubs quality flag null, an Innov8tif landmark scored "N/A", a Huawei idcard_type suspected',
  'server-error': 'HTTP 500 with the vendor’s own error body',
  hang: 'accepts the request and never answers (past any deadline)',
  garbage: 'HTTP 200 with a body that is not JSON',
  'short-mrz': 'MRZ lines with fillers dropped as OCR does (30, 29, 29 characters; Huawei): still verifies',
  'unreadable-mrz': 'MRZ lines with letters where digits stand (Huawei): MRZ_UNREADABLE',
  'error-<CODE>': 'the vendor’s documented error <CODE>, e.g. error-AIS.0103, error-FAIL_ON_1, error-SIGNATURE_NOT_EXIST, error-3',
};

/** Short names used to aim a scenario at one simulator: each vendor module's `slug`. */
export const VENDOR_SLUGS: Readonly<Record<Vendor, string>> = byVendor((module) => module.slug);

const LIST = /[A-Za-z0-9:._+,-]+/;
const MARKER = new RegExp(`EKYC-SCENARIO=(${LIST.source});`);

/** Splits a scenario list into names. */
export function parseScenarioList(list: string): string[] {
  return list
    .split(/[,+]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Scenario names carried by an image URL (query `scenario=` or `/samples/<list>.jpg`). */
function scenariosFromUrl(url: string): string[] {
  try {
    const parsed = new URL(url);
    const fromQuery = parsed.searchParams.get('scenario');
    if (fromQuery) return parseScenarioList(fromQuery);
    const fromPath = /\/samples\/([^/]+)\.(?:jpe?g|png)$/i.exec(parsed.pathname);
    if (fromPath) return parseScenarioList(decodeURIComponent(fromPath[1]!));
  } catch {
    // not a URL: no scenario
  }
  return [];
}

/** Scenario names carried by base64 image bytes (the EKYC-SCENARIO marker). */
export function scenariosFromBase64(base64: string): string[] {
  const text = Buffer.from(base64, 'base64').toString('latin1');
  const match = MARKER.exec(text);
  return match ? parseScenarioList(match[1]!) : [];
}

/** Scenario names from an image given as base64 or URL by a vendor's request. */
export function scenariosFromImage(image: string | null | undefined): string[] {
  if (!image) return [];
  return /^https?:\/\//i.test(image) ? scenariosFromUrl(image) : scenariosFromBase64(image);
}

/**
 * The scenario a simulator plays: the first name aimed at it (`slug:name`), else the first plain
 * name, else `pass`.
 */
export function pickScenario(slug: string, names: readonly string[]): string {
  const aimed = names.find((n) => n.toLowerCase().startsWith(`${slug}:`));
  if (aimed) return aimed.slice(slug.length + 1);
  return names.find((n) => !n.includes(':')) ?? 'pass';
}

/** For `error-<CODE>` scenarios: the code, as the vendor spells it; otherwise null. */
export function errorCodeOf(scenario: string): string | null {
  return scenario.startsWith('error-') ? scenario.slice('error-'.length) : null;
}
