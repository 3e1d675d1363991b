import { describe, expect, it } from 'vitest';
import { toArray, toBoolean, toCode, toNumber, toRecord, toText } from '../../src/signals/lenient';

describe('toNumber', () => {
  it('reads numbers and numeric strings', () => {
    expect(toNumber(94.56)).toBe(94.56);
    expect(toNumber('94.56')).toBe(94.56);
    expect(toNumber(' 87 ')).toBe(87);
    expect(toNumber('0')).toBe(0);
    expect(toNumber(0)).toBe(0);
    expect(toNumber('-3.5')).toBe(-3.5);
  });

  it('returns null for empty, non-numeric and non-finite values', () => {
    for (const v of ['', '   ', 'abc', '94.56%', NaN, Infinity, -Infinity, 'Infinity', null, undefined, true, {}, []]) {
      expect(toNumber(v), String(v)).toBeNull();
    }
  });
});

describe('toBoolean', () => {
  it('reads true spellings', () => {
    for (const v of [true, 1, 'True', 'true', 'TRUE', 'Pass', 'PASSED', 'yes', 'Y', '1', 'ok', 'Success', ' pass ']) {
      expect(toBoolean(v), String(v)).toBe(true);
    }
  });

  it('reads false spellings', () => {
    for (const v of [false, 0, 'False', 'false', 'Fail', 'FAIL', 'failed', 'No', 'n', '0']) {
      expect(toBoolean(v), String(v)).toBe(false);
    }
  });

  it('returns null for anything else', () => {
    for (const v of ['', 'maybe', 'pending', 2, -1, 0.5, null, undefined, {}, []]) {
      expect(toBoolean(v), String(v)).toBeNull();
    }
  });
});

describe('toText', () => {
  it('keeps strings as they are and writes finite numbers as text', () => {
    expect(toText('abc')).toBe('abc');
    expect(toText(' a b ')).toBe(' a b ');
    expect(toText(42)).toBe('42');
    expect(toText(94.56)).toBe('94.56');
  });

  it('returns null for empty and non-text values', () => {
    for (const v of ['', NaN, Infinity, null, undefined, true, {}, []]) {
      expect(toText(v), String(v)).toBeNull();
    }
  });
});

describe('toRecord', () => {
  it('returns plain objects', () => {
    const obj = { a: 1 };
    expect(toRecord(obj)).toBe(obj);
    expect(toRecord({})).toEqual({});
  });

  it('returns null for arrays, strings, null and other values', () => {
    for (const v of [[], [1], 'x', '', 1, null, undefined, true]) {
      expect(toRecord(v)).toBeNull();
    }
  });
});

describe('toArray', () => {
  it('returns arrays unchanged', () => {
    const arr = [1, 'a'];
    expect(toArray(arr)).toBe(arr);
  });

  it('returns an empty array for anything else', () => {
    for (const v of [null, undefined, 'abc', 1, {}, { length: 1, 0: 'a' }]) {
      expect(toArray(v)).toEqual([]);
    }
  });
});

describe('toCode', () => {
  it('upper-cases and trims vendor codes', () => {
    expect(toCode('fail')).toBe('FAIL');
    expect(toCode(' FAIL ')).toBe('FAIL');
    expect(toCode('Liveness_Attack')).toBe('LIVENESS_ATTACK');
    expect(toCode(200)).toBe('200');
  });

  it('returns null for empty, blank and non-text values', () => {
    for (const v of ['', '   ', null, undefined, NaN, {}, true]) {
      expect(toCode(v)).toBeNull();
    }
  });
});
