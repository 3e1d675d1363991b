import { describe, expect, it } from 'vitest';
import { mergeSignals } from '../../src/signals/merge-signals';
import { emptyOutcome, type VendorSignals } from '../../src/signals/model';

function withMrz(mrz: string[] | null): VendorSignals {
  const outcome = emptyOutcome('HUAWEI_OCR', 'OK');
  return { ...outcome, mrz, result: { ...outcome.result, latencyMs: 1 } };
}

const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

describe('mergeSignals: the MRZ', () => {
  it('a readable MRZ with right check digits: valid and readable', () => {
    expect(mergeSignals([withMrz(TD1)]).document).toMatchObject({ mrzValid: true, mrzReadable: true });
  });

  it('a readable MRZ with a wrong check digit: invalid, readable', () => {
    const wrong = [TD1[0]!, TD1[1]!.replace(/6$/, '7'), TD1[2]!];
    expect(mergeSignals([withMrz(wrong)]).document).toMatchObject({ mrzValid: false, mrzReadable: true });
  });

  it('an MRZ that fits no format: unreadable, and its check digits unknown (null), not invalid', () => {
    const document = mergeSignals([withMrz(['IDKHM040XXXXXXX<<<<<<<<<<<<<<<', '990XXX2F25XXXXXXX<<<<<<<<<<<2'])]).document;
    expect(document).toMatchObject({ mrzValid: null, mrzReadable: false });
  });

  it('no MRZ: both null', () => {
    expect(mergeSignals([withMrz(null)]).document).toMatchObject({ mrz: null, mrzValid: null, mrzReadable: null });
  });
});
