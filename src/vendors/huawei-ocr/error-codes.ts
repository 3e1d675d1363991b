/**
 * The error codes Huawei Cloud OCR answers with, as `{error_code, error_msg}`. OCR runs behind the
 * ModelArts platform and the API gateway, so a call can fail with an `AIS.*` (recognition),
 * `ModelArts.*` (platform) or `APIG.*` (gateway, mostly token) code. The list is the one in
 * Huawei's OCR "Error Codes" page plus the gateway's token codes an OCR caller meets.
 */
export const HUAWEI_ERROR_CODES = [
  'AIS.0101',
  'AIS.0102',
  'AIS.0103',
  'AIS.0104',
  'AIS.0105',
  'ModelArts.0203',
  'ModelArts.0212',
  'ModelArts.4101',
  'ModelArts.4102',
  'ModelArts.4103',
  'ModelArts.4104',
  'ModelArts.4105',
  'ModelArts.4201',
  'ModelArts.4202',
  'ModelArts.4203',
  'ModelArts.4204',
  'ModelArts.4301',
  'ModelArts.4302',
  'ModelArts.4401',
  'ModelArts.4402',
  'ModelArts.4403',
  'ModelArts.4502',
  'ModelArts.4503',
  'ModelArts.4504',
  'ModelArts.4505',
  'ModelArts.4506',
  'ModelArts.4508',
  'ModelArts.4601',
  'ModelArts.4603',
  'ModelArts.4702',
  'ModelArts.4703',
  'ModelArts.4704',
  'ModelArts.4705',
  'ModelArts.4706',
  'APIG.0101',
  'APIG.0106',
  'APIG.0201',
  'APIG.0301',
  'APIG.0302',
  'APIG.0307',
  'APIG.0308',
  'APIG.1002',
] as const;
export type HuaweiErrorCode = (typeof HUAWEI_ERROR_CODES)[number];

const BY_UPPER = new Map<string, HuaweiErrorCode>(HUAWEI_ERROR_CODES.map((c) => [c.toUpperCase(), c]));

/** The documented spelling of a code given in any case ("modelarts.4204" → "ModelArts.4204"), or null. */
export function knownHuaweiErrorCode(code: string): HuaweiErrorCode | null {
  return BY_UPPER.get(code.trim().toUpperCase()) ?? null;
}

function unreachable(code: never): never {
  throw new Error(`unhandled Huawei error code ${String(code)}`);
}

/** Our short, client-safe text for each documented code (never the vendor's runtime text). */
export function huaweiErrorMessage(code: HuaweiErrorCode): string {
  switch (code) {
    case 'AIS.0101':
      return 'request body rejected: invalid input parameter';
    case 'AIS.0102':
      return 'image format not supported (JPG, PNG, BMP or TIFF expected)';
    case 'AIS.0103':
      return 'image size does not meet the requirements (15 to 8192 pixels a side)';
    case 'AIS.0104':
      return 'image not supported or of poor quality';
    case 'AIS.0105':
      return 'recognition failed';
    case 'ModelArts.0203':
      return 'invalid token';
    case 'ModelArts.0212':
      return 'token is not scoped to a project';
    case 'ModelArts.4101':
      return 'token header missing';
    case 'ModelArts.4102':
      return 'token could not be parsed';
    case 'ModelArts.4103':
      return 'invalid token header';
    case 'ModelArts.4104':
      return 'invalid request body length';
    case 'ModelArts.4105':
      return 'request body is not valid JSON';
    case 'ModelArts.4201':
      return 'request URL lacks the service id';
    case 'ModelArts.4202':
      return 'request URL format invalid';
    case 'ModelArts.4203':
      return 'access denied: no permission for this API';
    case 'ModelArts.4204':
      return 'OCR service not subscribed in this region';
    case 'ModelArts.4301':
      return 'vendor platform could not obtain its service token';
    case 'ModelArts.4302':
      return 'vendor gateway forwarding error';
    case 'ModelArts.4401':
      return 'vendor concurrency limit exceeded';
    case 'ModelArts.4402':
      return 'vendor backend timed out';
    case 'ModelArts.4403':
      return 'vendor backend unavailable';
    case 'ModelArts.4502':
      return 'vendor backend response error';
    case 'ModelArts.4503':
      return 'vendor backend service not found';
    case 'ModelArts.4504':
      return 'vendor backend API not found';
    case 'ModelArts.4505':
      return 'vendor backend internal error';
    case 'ModelArts.4506':
      return 'vendor sub-service not found';
    case 'ModelArts.4508':
      return 'vendor service not started';
    case 'ModelArts.4601':
      return 'image URL not allowed';
    case 'ModelArts.4603':
      return 'image could not be downloaded from the URL';
    case 'ModelArts.4702':
      return 'OBS agency query failed';
    case 'ModelArts.4703':
      return 'OBS URL invalid';
    case 'ModelArts.4704':
      return 'image could not be read from OBS';
    case 'ModelArts.4705':
      return 'OBS image too large';
    case 'ModelArts.4706':
      return 'OBS image does not exist';
    case 'APIG.0101':
      return 'API not found (check endpoint, project id and path)';
    case 'APIG.0106':
      return 'gateway orchestration error (request parameters)';
    case 'APIG.0201':
      return 'vendor gateway request error or backend timeout';
    case 'APIG.0301':
      return 'IAM authentication failed (token rejected)';
    case 'APIG.0302':
      return 'IAM user not authorised for this API';
    case 'APIG.0307':
      return 'token expired and must be renewed';
    case 'APIG.0308':
      return 'vendor rate limit reached';
    case 'APIG.1002':
      return 'token incorrect or could not be resolved';
    default:
      return unreachable(code);
  }
}
