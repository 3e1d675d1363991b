import { describe, expect, it } from 'vitest';
import { mrzCheckDigit, mrzReadable, parseMrz, verifyMrz } from '../../src/signals/mrz';

// ICAO Doc 9303 specimen documents.
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

/** Replaces the character at `index` of line `line`. */
function alter(lines: readonly string[], line: number, index: number, ch: string): string[] {
  return lines.map((l, i) => (i === line ? l.slice(0, index) + ch + l.slice(index + 1) : l));
}

describe('mrzCheckDigit', () => {
  it('computes the ICAO 9303 7-3-1 check digit', () => {
    expect(mrzCheckDigit('D23145890')).toBe(7);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe(1);
    expect(mrzCheckDigit('520727')).toBe(3);
  });

  it('counts filler as 0', () => {
    expect(mrzCheckDigit('<<<<<<<<<<<<<<')).toBe(0);
    expect(mrzCheckDigit('')).toBe(0);
    expect(mrzCheckDigit('AB<')).toBe(mrzCheckDigit('AB0'));
  });
});

describe('verifyMrz', () => {
  it('verifies the TD1 specimen', () => {
    expect(TD1.every((l) => l.length === 30)).toBe(true);
    expect(verifyMrz(TD1)).toBe(true);
  });

  it('verifies the TD3 specimen', () => {
    expect(TD3.every((l) => l.length === 44)).toBe(true);
    expect(verifyMrz(TD3)).toBe(true);
  });

  it('tolerates lower case, spaces and blank lines', () => {
    expect(verifyMrz(['', ...TD1.map((l) => l.toLowerCase()), '  '])).toBe(true);
    expect(verifyMrz([TD3[0]!, `${TD3[1]!.slice(0, 20)} ${TD3[1]!.slice(20)}`])).toBe(true);
  });

  it('rejects a TD1 with any changed digit', () => {
    expect(verifyMrz(alter(TD1, 0, 8, '2'))).toBe(false); // document number
    expect(verifyMrz(alter(TD1, 0, 14, '8'))).toBe(false); // document number check digit
    expect(verifyMrz(alter(TD1, 1, 1, '5'))).toBe(false); // birth date
    expect(verifyMrz(alter(TD1, 1, 6, '3'))).toBe(false); // birth check digit
    expect(verifyMrz(alter(TD1, 1, 10, '1'))).toBe(false); // expiry date
    expect(verifyMrz(alter(TD1, 1, 14, '0'))).toBe(false); // expiry check digit
    expect(verifyMrz(alter(TD1, 1, 29, '7'))).toBe(false); // composite check digit
  });

  it('rejects a TD1 whose optional data changed (composite only)', () => {
    expect(verifyMrz(alter(TD1, 0, 20, '5'))).toBe(false);
  });

  it('rejects a TD3 with any changed digit', () => {
    expect(verifyMrz(alter(TD3, 1, 3, '0'))).toBe(false); // document number
    expect(verifyMrz(alter(TD3, 1, 9, '7'))).toBe(false); // document number check digit
    expect(verifyMrz(alter(TD3, 1, 15, '9'))).toBe(false); // birth date
    expect(verifyMrz(alter(TD3, 1, 19, '3'))).toBe(false); // birth check digit
    expect(verifyMrz(alter(TD3, 1, 22, '3'))).toBe(false); // expiry date
    expect(verifyMrz(alter(TD3, 1, 27, '8'))).toBe(false); // expiry check digit
    expect(verifyMrz(alter(TD3, 1, 30, 'F'))).toBe(false); // personal number
    expect(verifyMrz(alter(TD3, 1, 42, '2'))).toBe(false); // personal number check digit
    expect(verifyMrz(alter(TD3, 1, 43, '1'))).toBe(false); // composite check digit
  });

  it('rejects a non-digit check digit over a non-empty field', () => {
    expect(verifyMrz(alter(TD3, 1, 9, '<'))).toBe(false);
    expect(verifyMrz(alter(TD3, 1, 9, 'X'))).toBe(false);
  });

  it('accepts filler or 0 as the check digit of an empty personal number', () => {
    const blank = 'L898902C36UTO7408122F1204159<<<<<<<<<<<<<<';
    const composite = mrzCheckDigit(blank.slice(0, 10) + blank.slice(13, 20) + blank.slice(21, 42) + '<');
    expect(verifyMrz([TD3[0]!, `${blank}<${composite}`])).toBe(true);
    const compositeZero = mrzCheckDigit(blank.slice(0, 10) + blank.slice(13, 20) + blank.slice(21, 42) + '0');
    expect(verifyMrz([TD3[0]!, `${blank}0${compositeZero}`])).toBe(true);
  });

  it('returns null for unknown shapes', () => {
    expect(verifyMrz([])).toBeNull();
    expect(verifyMrz([''])).toBeNull();
    expect(verifyMrz(TD1.slice(0, 2))).toBeNull();
    expect(verifyMrz(TD3.slice(0, 1))).toBeNull();
    expect(verifyMrz([...TD1, TD1[2]!])).toBeNull();
    expect(verifyMrz([TD1[0]!, TD1[1]!.slice(0, 29), TD1[2]!])).toBeNull();
    expect(verifyMrz([TD3[0]!, `${TD3[1]!}<`])).toBeNull();
    expect(verifyMrz([TD1[0]!, TD3[1]!])).toBeNull();
    // TD2 (2 × 36) is not supported.
    expect(verifyMrz(['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'])).toBeNull();
  });
});

/** The MRZ of Huawei's Cambodian ID card example, verbatim: lines of 30, 29 and 29 characters, redacted with X. */
const HUAWEI_PAGE = ['IDKHM040XXXXXXX<<<<<<<<<<<<<<<', '990XXX2F25XXXXXXX<<<<<<<<<<<2', 'YOENG<<THXXXXX<<<<<<<<<<<<<<<'];
/**
 * The same card with the redaction filled in (birth 1999-07-10 and expiry 2025-12-14 from the example's
 * own birth_date and expiry_date), keeping the example's shape: one filler dropped from the run before
 * line 2's composite digit (still the page's 2), one from the end of line 3.
 */
const HUAWEI_FILLED = ['IDKHM0402718462<<<<<<<<<<<<<<<', '9907102F2512141KHM<<<<<<<<<<2', 'YOENG<<THXXXXX<<<<<<<<<<<<<<<'];

describe('TD1 fillers the OCR dropped', () => {
  it('the filled-in page example keeps the page shape (30, 29, 29) and verifies', () => {
    expect(HUAWEI_FILLED.map((l) => l.length)).toEqual(HUAWEI_PAGE.map((l) => l.length));
    expect(verifyMrz(HUAWEI_FILLED)).toBe(true);
    expect(parseMrz(HUAWEI_FILLED)!.lines.map((l) => l.length)).toEqual([30, 30, 30]);
  });

  it('the verbatim page example is unreadable (X where digits stand), never "a check digit is wrong"', () => {
    expect(mrzReadable(HUAWEI_PAGE)).toBe(false);
    expect(verifyMrz(HUAWEI_PAGE)).toBeNull();
    // Its one check digit whose field the answer itself gives: birth 10.07.1999 → 990710 → 2, as printed.
    expect(mrzCheckDigit('990710')).toBe(2);
  });

  it("restores trailing fillers of line 1 and 3 and a shortened run before line 2's composite digit", () => {
    const short = [TD1[0]!.slice(0, 22), `${TD1[1]!.slice(0, 20)}${TD1[1]!.slice(25)}`, TD1[2]!.slice(0, 20)];
    expect(short.map((l) => l.length)).toEqual([22, 25, 20]);
    expect(parseMrz(short)!.lines).toEqual(TD1);
    expect(verifyMrz(short)).toBe(true);
  });

  it('a restored MRZ with a wrong digit is readable and invalid', () => {
    const short = alter([TD1[0]!, TD1[1]!.slice(0, 28) + TD1[1]![29]!, TD1[2]!], 1, 1, '5');
    expect(mrzReadable(short)).toBe(true);
    expect(verifyMrz(short)).toBe(false);
  });

  it('two restorations that both fit are ambiguous: unreadable', () => {
    // Optional data with text between two runs of filler: which run lost one is unknowable.
    const head = '7408122F1204159UTO<<<AB<<<<<<';
    const l2 = head + String(mrzCheckDigit(TD1[0]!.slice(5) + head.slice(0, 7) + head.slice(8, 15) + head.slice(18, 29)));
    expect(verifyMrz([TD1[0]!, l2, TD1[2]!])).toBe(true);
    expect(verifyMrz([TD1[0]!, l2.slice(0, 19) + l2.slice(20), TD1[2]!])).toBeNull();
    expect(verifyMrz([TD1[0]!, l2.slice(0, 25) + l2.slice(26), TD1[2]!])).toBeNull();
  });

  it('a line too long, a character outside A-Z 0-9 <, or a letter at a check digit is unreadable', () => {
    expect(verifyMrz([`${TD1[0]!}<`, TD1[1]!, TD1[2]!])).toBeNull();
    expect(verifyMrz([TD1[0]!, TD1[1]!.replace('UTO', 'UT«'), TD1[2]!])).toBeNull();
    expect(verifyMrz(alter(TD1, 0, 14, 'X'))).toBeNull();
    expect(verifyMrz(alter(TD1, 1, 29, '<'))).toBeNull();
    expect(mrzReadable(TD1)).toBe(true);
  });
});
