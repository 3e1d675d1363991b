import { toText } from '../../signals/lenient';

/** A code as text: 5, "5", " 05 " → "5"; other text kept as sent (trimmed); null when absent or empty. */
export function normaliseCode(value: unknown): string | null {
  const code = toText(value)?.trim() ?? '';
  if (code === '') return null;
  return /^\d+$/.test(code) ? String(Number(code)) : code;
}

/**
 * One document's `invalidCode`: a code, a list of codes, or a comma-separated text of codes, as
 * normalised codes. Absent, null, empty text and an empty list are no codes ([]); a value that is no
 * code at all (a boolean, an object, a list holding one) is unreadable (null).
 */
export function readInvalidCodes(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;]/) : [value];
  const codes: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') return null;
    const code = normaliseCode(item);
    if (code !== null) codes.push(code);
  }
  return codes;
}
