/**
 * Lenient readers for vendor values at the parse boundary. Vendors' own examples disagree on types
 * (numbers as strings, booleans as "True"/"Pass"), so every reader accepts the spellings seen and
 * returns null for anything else rather than throwing.
 */

/** 94.56 or "94.56" → 94.56; "", null, "abc", NaN → null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return null;
    const n = Number(trimmed);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const TRUE_WORDS = new Set(['true', 'pass', 'passed', 'yes', 'y', '1', 'ok', 'success']);
const FALSE_WORDS = new Set(['false', 'fail', 'failed', 'no', 'n', '0']);

/** true, "True", "Pass", 1 → true; false, "False", "Fail", 0 → false; anything else → null. */
export function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return null;
}

/** A string, or a number written as one; empty and non-text values → null. */
export function toText(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A plain object, or null for anything else (arrays, strings, null). */
export function toRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** An array, or an empty array for anything else. */
export function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Upper-cased trimmed text, for comparing vendor codes spelt in either case ("fail", "FAIL"). */
export function toCode(value: unknown): string | null {
  const text = toText(value);
  return text === null || text.trim() === '' ? null : text.trim().toUpperCase();
}
