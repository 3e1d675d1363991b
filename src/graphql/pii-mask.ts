/**
 * Personal data masking for callers without `pii:read`. Deny by default: every OCR field is masked
 * except those listed as not personal. Scores, confidences, signals and decisions are never masked.
 */
const NOT_PERSONAL = new Set(['sex', 'nationality', 'issueDate', 'expiryDate', 'issuedAt', 'licenseClass', 'idcardType']);

const ID_NUMBERS = new Set(['idNumber', 'backIdNumber', 'secondaryIdNumber', 'documentNumber', 'personNumber']);
const NAMES = new Set(['fullName', 'localName', 'surname', 'givenName', 'name', 'backName']);

export function isPersonalField(name: string): boolean {
  return !NOT_PERSONAL.has(name);
}

/** `011845273` → `*****5273`; `SOK DARA` → `S. D.`; anything else personal → `****`. */
export function maskFieldValue(name: string, value: string | null): string | null {
  if (value === null || !isPersonalField(name)) return value;
  if (ID_NUMBERS.has(name)) return value.length <= 4 ? '****' : `${'*'.repeat(Math.max(4, value.length - 4))}${value.slice(-4)}`;
  if (NAMES.has(name)) {
    const initials = value
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((part) => `${Array.from(part)[0]}.`);
    return initials.length > 0 ? initials.join(' ') : '****';
  }
  return '****';
}

/** MRZ lines carry the name, number and birth date: masked whole, length kept. */
export function maskMrzLine(line: string): string {
  return '*'.repeat(line.length);
}
