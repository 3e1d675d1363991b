import { toAsciiDigits } from './digits';

const MONTHS: Record<string, number> = {
  JAN: 1,
  JANUARY: 1,
  FEB: 2,
  FEBRUARY: 2,
  MAR: 3,
  MARCH: 3,
  APR: 4,
  APRIL: 4,
  MAY: 5,
  JUN: 6,
  JUNE: 6,
  JUL: 7,
  JULY: 7,
  AUG: 8,
  AUGUST: 8,
  SEP: 9,
  SEPT: 9,
  SEPTEMBER: 9,
  OCT: 10,
  OCTOBER: 10,
  NOV: 11,
  NOVEMBER: 11,
  DEC: 12,
  DECEMBER: 12,
};

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1800 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Reject 31.02 and the like: Date rolls them over into the next month.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a date as vendors print it and returns ISO yyyy-mm-dd, or null when it is not a date.
 * Accepted: Khmer or ASCII digits in dd.mm.yyyy, dd/mm/yyyy, dd-mm-yyyy; yyyy-mm-dd, yyyy/mm/dd,
 * yyyy.mm.dd; "OCTOBER 28,1977", "28 OCT 1977". Day-first is assumed for two-number-first forms,
 * as every vendor we call is in a day-first country.
 */
export function parseVendorDate(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const text = toAsciiDigits(input).trim().toUpperCase();
  if (text === '') return null;

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(text);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));

  m = /^([A-Z]+)\.?\s*(\d{1,2}),?\s*(\d{4})$/.exec(text);
  if (m && MONTHS[m[1]!]) return iso(Number(m[3]), MONTHS[m[1]!]!, Number(m[2]));

  m = /^(\d{1,2})[\s-]*([A-Z]+)\.?[\s,-]*(\d{4})$/.exec(text);
  if (m && MONTHS[m[2]!]) return iso(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]));

  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));

  return null;
}
