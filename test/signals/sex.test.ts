import { describe, expect, it } from 'vitest';
import { normaliseSex } from '../../src/signals/sex';

describe('normaliseSex', () => {
  it('reads Khmer', () => {
    expect(normaliseSex('ប្រុស')).toBe('M');
    expect(normaliseSex('ស្រី')).toBe('F');
  });

  it('reads Malay and Indonesian', () => {
    expect(normaliseSex('LELAKI')).toBe('M');
    expect(normaliseSex('LAKI-LAKI')).toBe('M');
    expect(normaliseSex('Laki-laki')).toBe('M');
    expect(normaliseSex('PRIA')).toBe('M');
    expect(normaliseSex('PEREMPUAN')).toBe('F');
    expect(normaliseSex('Perempuan')).toBe('F');
    expect(normaliseSex('WANITA')).toBe('F');
  });

  it('reads Vietnamese, including decomposed Unicode and unaccented OCR', () => {
    expect(normaliseSex('Nam')).toBe('M');
    expect(normaliseSex('Nữ')).toBe('F');
    expect(normaliseSex('NỮ')).toBe('F');
    expect(normaliseSex('Nữ'.normalize('NFD'))).toBe('F');
    expect(normaliseSex('Nu')).toBe('F');
  });

  it('reads Thai', () => {
    expect(normaliseSex('ชาย')).toBe('M');
    expect(normaliseSex('หญิง')).toBe('F');
  });

  it('reads English words and letters in any case, trimmed', () => {
    expect(normaliseSex('M')).toBe('M');
    expect(normaliseSex('male')).toBe('M');
    expect(normaliseSex(' Male ')).toBe('M');
    expect(normaliseSex('F')).toBe('F');
    expect(normaliseSex('f')).toBe('F');
    expect(normaliseSex('FEMALE')).toBe('F');
    expect(normaliseSex('Female')).toBe('F');
  });

  it('returns null for anything else', () => {
    for (const v of ['', ' ', 'X', 'unknown', '<', 'MF', null, undefined, 1, {}]) {
      expect(normaliseSex(v), String(v)).toBeNull();
    }
  });
});
