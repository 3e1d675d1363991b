import { describe, expect, it } from 'vitest';
import { mrzCheckDigit, verifyMrz } from '../../src/signals/mrz';

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
