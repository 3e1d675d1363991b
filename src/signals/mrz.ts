/**
 * ICAO 9303 machine-readable zone check digits. Supports TD1 (3 lines × 30, ID cards such as the
 * Cambodian one) and TD3 (2 lines × 44, passports).
 */

const WEIGHTS = [7, 3, 1];

function charValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return 0; // '<' and anything unreadable count as 0, as the standard says for the filler
}

export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i]!) * WEIGHTS[i % 3]!;
  return sum % 10;
}

function digitMatches(field: string, digit: string | undefined): boolean {
  if (digit === undefined) return false;
  // A filler check digit is allowed only when the field itself is all filler (optional data).
  if (digit === '<') return /^<*$/.test(field);
  return /^\d$/.test(digit) && mrzCheckDigit(field) === Number(digit);
}

/** True when every check digit of the MRZ is right; null when the lines are no known MRZ format. */
export function verifyMrz(lines: readonly string[]): boolean | null {
  const clean = lines.map((l) => l.replace(/\s+/g, '').toUpperCase()).filter((l) => l.length > 0);
  if (clean.length === 3 && clean.every((l) => l.length === 30)) return verifyTd1(clean as [string, string, string]);
  if (clean.length === 2 && clean.every((l) => l.length === 44)) return verifyTd3(clean as [string, string]);
  return null;
}

function verifyTd1([l1, l2]: [string, string, string]): boolean {
  const docNumber = l1.slice(5, 14);
  const birth = l2.slice(0, 6);
  const expiry = l2.slice(8, 14);
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  return (
    digitMatches(docNumber, l1[14]) &&
    digitMatches(birth, l2[6]) &&
    digitMatches(expiry, l2[14]) &&
    digitMatches(composite, l2[29])
  );
}

function verifyTd3([, l2]: [string, string]): boolean {
  const composite = l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43);
  return (
    digitMatches(l2.slice(0, 9), l2[9]) &&
    digitMatches(l2.slice(13, 19), l2[19]) &&
    digitMatches(l2.slice(21, 27), l2[27]) &&
    digitMatches(l2.slice(28, 42), l2[42]) &&
    digitMatches(composite, l2[43])
  );
}
