/**
 * Huawei Cloud OCR wire types for the Cambodian ID card API and the IAM token API, as the pages
 * document them and as the adapter reads them. The OCR answer is parsed into these types at the
 * boundary (parse-answer.ts): a value of another type is set aside as `wrongType`, never coerced.
 * Nothing outside src/vendors/huawei-ocr/ uses these types.
 */

/** Body of `POST /v2/{project_id}/ocr/cambodian-idcard`: exactly one of `image` or `url`. */
export type HuaweiCambodianIdCardRequest = ({ image: string } | { url: string }) & { return_idcard_type: boolean };

/** Text fields of the card the API returns (String in the page's table 5), with their confidence keys. */
export const HUAWEI_CARD_TEXT_FIELDS = [
  'id_number',
  'name_kh',
  'name_en',
  'birth_date',
  'sex',
  'height',
  'birth_place',
  'address',
  'issue_date',
  'expiry_date',
  'description',
] as const;
export type HuaweiCardTextField = (typeof HUAWEI_CARD_TEXT_FIELDS)[number];

/** The three MRZ lines ("machine code in the first/second/third line"), Strings with confidence keys. */
export const HUAWEI_MACHINE_CODE_FIELDS = ['machine_code1', 'machine_code2', 'machine_code3'] as const;
export type HuaweiMachineCodeField = (typeof HUAWEI_MACHINE_CODE_FIELDS)[number];

/** The card type values documented for `idcard_type`: `normal` (original) and `copy`. */
export const HUAWEI_IDCARD_TYPES = ['normal', 'copy'] as const;
export type HuaweiIdCardType = (typeof HUAWEI_IDCARD_TYPES)[number];

/**
 * `result` of a 200 answer (CambodianIdCardResult), the fields the adapter reads. Absent keys are
 * absent; `null` is kept as sent. The portrait fields are not read: the adapter never asks for them.
 */
export type HuaweiCambodianIdCardResult = Partial<Record<HuaweiCardTextField | HuaweiMachineCodeField, string | null>> & {
  idcard_type?: string | null;
  /** Field name → 0..1 (Object of numbers in the page). */
  confidence?: Record<string, number> | null;
};

/** Error body of every failed call (OCR, ModelArts platform and API gateway codes alike). */
export interface HuaweiErrorBody {
  error_code: string;
  error_msg?: string;
}

/** Body of `POST /v3/auth/tokens` with the password method, scoped to a project by name. */
export interface HuaweiIamPasswordAuthRequest {
  auth: {
    identity: {
      methods: ['password'];
      password: { user: { name: string; password: string; domain: { name: string } } };
    };
    scope: { project: { name: string } };
  };
}
