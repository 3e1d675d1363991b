/**
 * The error codes Huawei Cloud OCR answers with, as `{error_code, error_msg}`. OCR runs behind the
 * ModelArts platform and the API gateway, so a call can fail with an `AIS.*` (recognition),
 * `ModelArts.*` (platform) or `APIG.*` (gateway, mostly token) code. The table is the one in
 * Huawei's OCR "Error Codes" page plus the gateway's token codes an OCR caller meets, each with our
 * short, client-safe text (never the vendor's runtime text).
 */
const HUAWEI_ERROR_MESSAGES = {
  'AIS.0101': 'request body rejected: invalid input parameter',
  'AIS.0102': 'image format not supported (JPG, PNG, BMP or TIFF expected)',
  'AIS.0103': 'image size does not meet the requirements (15 to 8192 pixels a side)',
  'AIS.0104': 'image not supported or of poor quality',
  'AIS.0105': 'recognition failed',
  'ModelArts.0203': 'invalid token',
  'ModelArts.0212': 'token is not scoped to a project',
  'ModelArts.4101': 'token header missing',
  'ModelArts.4102': 'token could not be parsed',
  'ModelArts.4103': 'invalid token header',
  'ModelArts.4104': 'invalid request body length',
  'ModelArts.4105': 'request body is not valid JSON',
  'ModelArts.4201': 'request URL lacks the service id',
  'ModelArts.4202': 'request URL format invalid',
  'ModelArts.4203': 'access denied: no permission for this API',
  'ModelArts.4204': 'OCR service not subscribed in this region',
  'ModelArts.4301': 'vendor platform could not obtain its service token',
  'ModelArts.4302': 'vendor gateway forwarding error',
  'ModelArts.4401': 'vendor concurrency limit exceeded',
  'ModelArts.4402': 'vendor backend timed out',
  'ModelArts.4403': 'vendor backend unavailable',
  'ModelArts.4502': 'vendor backend response error',
  'ModelArts.4503': 'vendor backend service not found',
  'ModelArts.4504': 'vendor backend API not found',
  'ModelArts.4505': 'vendor backend internal error',
  'ModelArts.4506': 'vendor sub-service not found',
  'ModelArts.4508': 'vendor service not started',
  'ModelArts.4601': 'image URL not allowed',
  'ModelArts.4603': 'image could not be downloaded from the URL',
  'ModelArts.4702': 'OBS agency query failed',
  'ModelArts.4703': 'OBS URL invalid',
  'ModelArts.4704': 'image could not be read from OBS',
  'ModelArts.4705': 'OBS image too large',
  'ModelArts.4706': 'OBS image does not exist',
  'APIG.0101': 'API not found (check endpoint, project id and path)',
  'APIG.0106': 'gateway orchestration error (request parameters)',
  'APIG.0201': 'vendor gateway request error or backend timeout',
  'APIG.0301': 'IAM authentication failed (token rejected)',
  'APIG.0302': 'IAM user not authorised for this API',
  'APIG.0307': 'token expired and must be renewed',
  'APIG.0308': 'vendor rate limit reached',
  'APIG.1002': 'token incorrect or could not be resolved',
} as const satisfies Record<string, string>;

export type HuaweiErrorCode = keyof typeof HUAWEI_ERROR_MESSAGES;
export const HUAWEI_ERROR_CODES = Object.keys(HUAWEI_ERROR_MESSAGES) as HuaweiErrorCode[];

const BY_UPPER = new Map<string, HuaweiErrorCode>(HUAWEI_ERROR_CODES.map((c) => [c.toUpperCase(), c]));

/** The documented spelling of a code given in any case ("modelarts.4204" → "ModelArts.4204"), or null. */
export function knownHuaweiErrorCode(code: string): HuaweiErrorCode | null {
  return BY_UPPER.get(code.trim().toUpperCase()) ?? null;
}

/** Our short, client-safe text for a documented code. */
export function huaweiErrorMessage(code: HuaweiErrorCode): string {
  return HUAWEI_ERROR_MESSAGES[code];
}
