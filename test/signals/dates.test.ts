import { describe, expect, it } from 'vitest';
import { parseVendorDate } from '../../src/signals/dates';

describe('parseVendorDate', () => {
  it('reads Khmer digits in dd.mm.yyyy', () => {
    expect(parseVendorDate('១០.០៧.១៩៩៩')).toBe('1999-07-10');
  });

  it('reads ASCII dd.mm.yyyy, dd-mm-yyyy and dd/mm/yyyy day-first', () => {
    expect(parseVendorDate('10.07.1999')).toBe('1999-07-10');
    expect(parseVendorDate('28-10-1977')).toBe('1977-10-28');
    expect(parseVendorDate('28/10/1977')).toBe('1977-10-28');
    expect(parseVendorDate('05/03/2001')).toBe('2001-03-05');
    expect(parseVendorDate('5/3/2001')).toBe('2001-03-05');
  });

  it('reads year-first forms', () => {
    expect(parseVendorDate('1977/10/28')).toBe('1977-10-28');
    expect(parseVendorDate('1977-10-28')).toBe('1977-10-28');
    expect(parseVendorDate('1977.10.28')).toBe('1977-10-28');
    expect(parseVendorDate('19771028')).toBe('1977-10-28');
  });

  it('reads month names', () => {
    expect(parseVendorDate('OCTOBER 28,1977')).toBe('1977-10-28');
    expect(parseVendorDate('October 28, 1977')).toBe('1977-10-28');
    expect(parseVendorDate('28 OCT 1977')).toBe('1977-10-28');
    expect(parseVendorDate('28-Oct-1977')).toBe('1977-10-28');
    expect(parseVendorDate('Sept. 5, 2001')).toBe('2001-09-05');
  });

  it('trims surrounding whitespace', () => {
    expect(parseVendorDate('  10.07.1999 \n')).toBe('1999-07-10');
  });

  it('rejects impossible dates', () => {
    expect(parseVendorDate('31.02.2000')).toBeNull();
    expect(parseVendorDate('31/04/2021')).toBeNull();
    expect(parseVendorDate('29.02.1900')).toBeNull();
    expect(parseVendorDate('00.01.2000')).toBeNull();
    expect(parseVendorDate('10.13.2000')).toBeNull();
    expect(parseVendorDate('1977/13/01')).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseVendorDate('29.02.2000')).toBe('2000-02-29');
  });

  it('rejects years outside a plausible range', () => {
    expect(parseVendorDate('01.01.1700')).toBeNull();
    expect(parseVendorDate('01.01.2300')).toBeNull();
  });

  it('returns null for garbage and non-strings', () => {
    for (const input of ['', '   ', 'not a date', 'FOO 12, 2000', '12/2000', '1999-07', '10.07.99', 'abc-de-fghi']) {
      expect(parseVendorDate(input), JSON.stringify(input)).toBeNull();
    }
    for (const input of [null, undefined, 19991007, new Date(), {}, []]) {
      expect(parseVendorDate(input)).toBeNull();
    }
  });
});
