/**
 * Huawei Cloud OCR wire types for the Cambodian ID card API and the IAM token API. They describe
 * what the vendor documents; every field is optional and loosely typed because the transformer
 * reads them leniently. Nothing outside src/vendors/huawei-ocr/ uses these types.
 */

/** Body of `POST /v2/{project_id}/ocr/cambodian-idcard`: exactly one of `image` or `url`. */
export interface HuaweiCambodianIdCardRequest {
  image?: string;
  url?: string;
  return_portrait_image?: boolean;
  return_portrait_location?: boolean;
  return_idcard_type?: boolean;
}

/** Text fields of the card the API returns, with their confidence keys. */
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

/** The card type values documented for `idcard_type` (any case accepted on read). */
export const HUAWEI_IDCARD_TYPES = ['normal', 'copy'] as const;
export type HuaweiIdCardType = (typeof HUAWEI_IDCARD_TYPES)[number];

/** `result` of a 200 answer (CambodianIdCardResult). */
export type HuaweiCambodianIdCardResult = Partial<Record<HuaweiCardTextField, string | null>> & {
  machine_code1?: string | null;
  machine_code2?: string | null;
  machine_code3?: string | null;
  portrait_image?: string | null;
  portrait_location?: number[][] | null;
  idcard_type?: string | null;
  /** Field name → 0..1; numbers may arrive as strings. */
  confidence?: Record<string, number | string | null> | null;
};

export interface HuaweiCambodianIdCardResponse {
  result?: HuaweiCambodianIdCardResult | null;
}

/** Error body of every failed call (OCR, ModelArts platform and API gateway codes alike). */
export interface HuaweiErrorBody {
  error_code?: string | null;
  error_msg?: string | null;
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

/** The part of the IAM token answer the gateway reads; the token itself is the X-Subject-Token header. */
export interface HuaweiIamTokenResponse {
  token?: { expires_at?: string | null; issued_at?: string | null } | null;
}

/** IAM's error body (Keystone style), e.g. 401 for a wrong user name or password. */
export interface HuaweiIamErrorBody {
  error?: { code?: number | string | null; message?: string | null; title?: string | null } | null;
  error_code?: string | null;
  error_msg?: string | null;
}
