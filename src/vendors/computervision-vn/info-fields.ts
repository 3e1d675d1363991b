import { toText } from '../../signals/lenient';
import type { OcrField, Vendor } from '../../signals/model';
import { normaliseSex } from '../../signals/sex';
import { ocrField } from '../../signals/ocr-field';

/**
 * The vendor's `info` keys whose meaning has a canonical or established gateway name. Keys not listed
 * here keep a camelCase name of their own, so nothing the vendor read is lost.
 */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  id: 'idNumber',
  name: 'fullName',
  full_name: 'fullName',
  dob: 'birthDate',
  gender: 'sex',
  nationality: 'nationality',
  address: 'address',
  hometown: 'hometown',
  due_date: 'expiryDate',
  issue_date: 'issueDate',
  issued_at: 'issuedAt',
  ethnicity: 'ethnicity',
  religious: 'religion',
  identification_sign: 'identificationSign',
  place_of_birth: 'birthPlace',
  class: 'licenseClass',
  sur_name: 'surname',
  given_name: 'givenName',
  document_number: 'documentNumber',
  person_number: 'personNumber',
  blood_type: 'bloodType',
};

/** Keys that carry no reading of the document: boxes, images, area codes, confidences, MRZ. */
const IGNORED_KEYS = new Set(['image', 'thumb', 'confidence', 'mrz']);
const IGNORED_SUFFIX = /_(box|code|confidence)$/;

function camelCase(key: string): string {
  return key.toLowerCase().replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * OCR fields read from one document's `info` object, in the vendor's key order. Each field's
 * confidence is its `<key>_confidence` (0..1; percentages scaled by ocrField); empty values are
 * dropped. Dates printed as "Không thời hạn" (no expiry) keep their raw text with a null value.
 */
export function infoFields(info: Record<string, unknown>, vendor: Vendor): OcrField[] {
  const fields: OcrField[] = [];
  for (const [key, rawValue] of Object.entries(info)) {
    if (IGNORED_KEYS.has(key) || IGNORED_SUFFIX.test(key)) continue;
    const name = FIELD_NAMES[key] ?? camelCase(key);
    const field = ocrField(name, rawValue, info[`${key}_confidence`], vendor);
    if (field === null) continue;
    if (name === 'sex' && field.value === null && field.raw !== null) field.value = sexFromParts(field.raw);
    fields.push(field);
  }
  return fields;
}

/** Passports print sex bilingually ("Nữ/F"): the first part that reads as a sex wins. */
function sexFromParts(raw: string): 'M' | 'F' | null {
  for (const part of raw.split(/[/|,]/)) {
    const sex = normaliseSex(part);
    if (sex !== null) return sex;
  }
  return null;
}

/**
 * MRZ lines the vendor returned in `info.mrz` (a list of lines, or one text with line breaks), or
 * null. The page lists only `mrz_confidence`, so the lines are kept whenever they are present.
 */
export function infoMrz(info: Record<string, unknown>): string[] | null {
  const value = info.mrz;
  const lines = (Array.isArray(value) ? value.map(toText) : (toText(value) ?? '').split(/\r?\n/))
    .filter((line): line is string => line !== null)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines.length > 0 ? lines : null;
}
