import { parseVendorDate } from './dates';
import { toNumber, toText } from './lenient';
import { DATE_FIELD_NAMES, type OcrField, type Vendor } from './model';
import { normaliseSex } from './sex';

/**
 * Builds one canonical OCR field from a vendor's raw value and confidence. Dates become ISO, sex
 * becomes M/F; the raw text is always kept. A confidence above 1 is taken as a percentage.
 * Returns null when the vendor gave no text at all (absent, null or empty).
 */
export function ocrField(name: string, rawValue: unknown, rawConfidence: unknown, vendor: Vendor): OcrField | null {
  const raw = toText(rawValue);
  if (raw === null || raw.trim() === '') return null;
  let confidence = toNumber(rawConfidence);
  if (confidence !== null && confidence > 1) confidence = confidence / 100;
  if (confidence !== null && (confidence < 0 || confidence > 1)) confidence = null;
  return { name, value: normaliseFieldValue(name, raw), raw, confidence, vendor };
}

function normaliseFieldValue(name: string, raw: string): string | null {
  if (DATE_FIELD_NAMES.includes(name)) return parseVendorDate(raw);
  if (name === 'sex') return normaliseSex(raw);
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  return trimmed === '' ? null : trimmed;
}
