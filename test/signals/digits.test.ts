import { describe, expect, it } from 'vitest';
import { toAsciiDigits } from '../../src/signals/digits';

describe('toAsciiDigits', () => {
  it('maps every Khmer digit to ASCII', () => {
    expect(toAsciiDigits('០១២៣៤៥៦៧៨៩')).toBe('0123456789');
  });

  it('maps Arabic-Indic, Extended Arabic-Indic and Thai digits', () => {
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('๐๑๒๓๔๕๖๗๘๙')).toBe('0123456789');
  });

  it('leaves ASCII digits, separators and other text untouched', () => {
    expect(toAsciiDigits('10.07.1999')).toBe('10.07.1999');
    expect(toAsciiDigits('១០.០៧.១៩៩៩')).toBe('10.07.1999');
    expect(toAsciiDigits('ថ្ងៃ ១០ ABC')).toBe('ថ្ងៃ 10 ABC');
    expect(toAsciiDigits('')).toBe('');
  });

  it('does not map Khmer letters next to the digit block', () => {
    // U+17DF precedes ០ (U+17E0); U+17EA follows ៩ (U+17E9). Neither is a digit.
    expect(toAsciiDigits('\u17df\u17ea')).toBe('\u17df\u17ea');
  });
});
