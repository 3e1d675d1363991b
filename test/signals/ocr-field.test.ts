import { describe, expect, it } from 'vitest';
import { ocrField } from '../../src/signals/ocr-field';

describe('ocrField', () => {
  it('turns date fields into ISO and keeps the raw text', () => {
    expect(ocrField('birthDate', '១០.០៧.១៩៩៩', 0.9, 'INNOV8TIF')).toEqual({
      name: 'birthDate',
      value: '1999-07-10',
      raw: '១០.០៧.១៩៩៩',
      confidence: 0.9,
      vendor: 'INNOV8TIF',
    });
    expect(ocrField('expiryDate', 'OCTOBER 28,1977', null, 'ADVANCE_AI')?.value).toBe('1977-10-28');
    expect(ocrField('issueDate', '28/10/1977', null, 'HUAWEI_OCR')?.value).toBe('1977-10-28');
  });

  it('keeps the raw text but gives a null value for an unreadable date', () => {
    const field = ocrField('birthDate', '31.02.2000', 0.5, 'VERIHUBS');
    expect(field?.value).toBeNull();
    expect(field?.raw).toBe('31.02.2000');
  });

  it('normalises sex and keeps the raw text', () => {
    const field = ocrField('sex', 'ស្រី', 0.99, 'INNOV8TIF');
    expect(field?.value).toBe('F');
    expect(field?.raw).toBe('ស្រី');
    expect(ocrField('sex', 'LAKI-LAKI', null, 'VERIHUBS')?.value).toBe('M');
    expect(ocrField('sex', 'Nữ', null, 'COMPUTERVISION_VN')?.value).toBe('F');
    expect(ocrField('sex', '?', null, 'COMPUTERVISION_VN')?.value).toBeNull();
  });

  it('trims and collapses whitespace in other fields, keeping raw exactly', () => {
    const field = ocrField('fullName', '  ERIKSSON   ANNA\tMARIA ', null, 'ADVANCE_AI');
    expect(field?.value).toBe('ERIKSSON ANNA MARIA');
    expect(field?.raw).toBe('  ERIKSSON   ANNA\tMARIA ');
  });

  it('does not treat a non-date field as a date', () => {
    expect(ocrField('idNumber', '10.07.1999', null, 'INNOV8TIF')?.value).toBe('10.07.1999');
  });

  it('writes a numeric raw value as text', () => {
    const field = ocrField('idNumber', 123456789, null, 'HUAWEI_OCR');
    expect(field?.value).toBe('123456789');
    expect(field?.raw).toBe('123456789');
  });

  it('reads confidences as 0..1, taking values above 1 as percentages', () => {
    expect(ocrField('fullName', 'A', 87, 'INNOV8TIF')?.confidence).toBe(0.87);
    expect(ocrField('fullName', 'A', '94.56', 'INNOV8TIF')?.confidence).toBeCloseTo(0.9456, 10);
    expect(ocrField('fullName', 'A', 100, 'INNOV8TIF')?.confidence).toBe(1);
    expect(ocrField('fullName', 'A', 0.87, 'INNOV8TIF')?.confidence).toBe(0.87);
    expect(ocrField('fullName', 'A', 1, 'INNOV8TIF')?.confidence).toBe(1);
    expect(ocrField('fullName', 'A', 0, 'INNOV8TIF')?.confidence).toBe(0);
  });

  it('drops confidences that are missing, unreadable or out of range', () => {
    for (const c of [null, undefined, '', 'high', NaN, -0.1, -5, 150]) {
      expect(ocrField('fullName', 'A', c, 'INNOV8TIF')?.confidence, String(c)).toBeNull();
    }
  });

  it('returns null when the vendor gave no text', () => {
    for (const raw of ['', '   ', null, undefined, {}, [], true]) {
      expect(ocrField('fullName', raw, 0.9, 'INNOV8TIF'), String(raw)).toBeNull();
    }
    expect(ocrField('birthDate', '', 87, 'INNOV8TIF')).toBeNull();
  });
});
