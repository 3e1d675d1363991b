/**
 * ICAO 9303 machine-readable zone check digits. Supports TD1 (3 lines × 30, ID cards such as the
 * Cambodian one) and TD3 (2 lines × 44, passports).
 *
 * OCR often drops filler characters (`<`): a TD1 line shorter than 30 is restored when exactly one
 * restoration fits the TD1 layout (see restore-td1 below). An MRZ that still fits no format is not
 * readable: `verifyMrz` gives null for it, never false, so "unreadable" is never mistaken for "a
 * check digit is wrong".
 */

const WEIGHTS = [7, 3, 1];
const TD1_LENGTH = 30;

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

/** An MRZ whose lines fit a known format (TD1 lines restored to 30 characters). */
export interface ParsedMrz {
  format: 'TD1' | 'TD3';
  lines: string[];
}

/**
 * The MRZ in a known format, or null when the lines fit none: TD1 needs three lines of `A-Z 0-9 <`
 * with digits (or filler) where its dates and check digits stand, after restoring dropped fillers.
 */
export function parseMrz(lines: readonly string[]): ParsedMrz | null {
  const clean = lines.map((l) => l.replace(/\s+/g, '').toUpperCase()).filter((l) => l.length > 0);
  if (clean.length === 3) {
    const restored = restoreTd1(clean as [string, string, string]);
    return restored === null ? null : { format: 'TD1', lines: restored };
  }
  if (clean.length === 2 && clean.every((l) => l.length === 44)) return { format: 'TD3', lines: clean };
  return null;
}

/** True when the lines are an MRZ of a known format (whatever its check digits say). */
export function mrzReadable(lines: readonly string[]): boolean {
  return parseMrz(lines) !== null;
}

/** True when every check digit of the MRZ is right; null when the lines are no readable MRZ. */
export function verifyMrz(lines: readonly string[]): boolean | null {
  const parsed = parseMrz(lines);
  if (parsed === null) return null;
  return parsed.format === 'TD1' ? verifyTd1(parsed.lines as [string, string, string]) : verifyTd3(parsed.lines as [string, string]);
}

/** Where each TD1 line must hold a digit or filler: dates and check digits. */
const TD1_DIGIT_OR_FILLER: readonly (readonly number[])[] = [[14], [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14], []];
/** Where each TD1 line must hold a digit: the composite check digit, which is never filler. */
const TD1_DIGIT: readonly (readonly number[])[] = [[], [29], []];

function fitsTd1Line(line: string, index: number): boolean {
  if (line.length !== TD1_LENGTH || !/^[A-Z0-9<]+$/.test(line)) return false;
  return TD1_DIGIT_OR_FILLER[index]!.every((at) => /[0-9<]/.test(line[at]!)) && TD1_DIGIT[index]!.every((at) => /[0-9]/.test(line[at]!));
}

/**
 * The three lines at 30 characters each, or null. A short line 1 or 2 is lengthened by the fillers
 * it lacks, either at its end or inside one of the runs of `<` of its optional data; it is restored
 * only when exactly one of those candidates fits the layout (two different fits would verify
 * different data). Line 3 is
 * the name alone, read by no check digit: it is padded at its end.
 */
function restoreTd1(lines: [string, string, string]): [string, string, string] | null {
  const restored: string[] = [];
  for (const [index, line] of lines.entries()) {
    const fits = (index === 2 ? [padEnd(line)] : candidates(line, index)).filter((c) => fitsTd1Line(c, index));
    if (fits.length !== 1) return null;
    restored.push(fits[0]!);
  }
  return restored as [string, string, string];
}

function padEnd(line: string): string {
  return line.length < TD1_LENGTH ? line + '<'.repeat(TD1_LENGTH - line.length) : line;
}

/** Where the optional data of TD1 lines 1 and 2 starts: before it every field has a fixed place. */
const TD1_OPTIONAL_START = [15, 18];

/**
 * The line itself when 30 long; when shorter, every distinct way of putting the missing fillers
 * back: at the end, or into a run of `<` inside the optional data (a filler dropped from a fixed
 * field is not restored).
 */
function candidates(line: string, index: number): string[] {
  const missing = TD1_LENGTH - line.length;
  if (missing <= 0) return [line];
  const fill = '<'.repeat(missing);
  const found = new Set([line + fill]);
  for (const run of line.matchAll(/<+/g)) {
    if (run.index < TD1_OPTIONAL_START[index]!) continue;
    const end = run.index + run[0].length;
    found.add(line.slice(0, end) + fill + line.slice(end));
  }
  return [...found];
}

function verifyTd1([l1, l2]: [string, string, string]): boolean {
  const docNumber = l1.slice(5, 14);
  const birth = l2.slice(0, 6);
  const expiry = l2.slice(8, 14);
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  return digitMatches(docNumber, l1[14]) && digitMatches(birth, l2[6]) && digitMatches(expiry, l2[14]) && digitMatches(composite, l2[29]);
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
