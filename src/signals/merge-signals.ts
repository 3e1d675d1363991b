import { mrzReadable, verifyMrz } from './mrz';
import type { DocumentView, MergedSignals } from './merged';
import { OCR_FIELD_NAMES, type OcrField, type VendorSignals } from './model';

/**
 * Merges per-vendor signals (in routing order) into one view. For each named document field the
 * reading with a value and the highest confidence wins (ties: routing order); every reading stays in
 * `fields`. The first vendor with a face check or MRZ provides it. An MRZ that fits no known format
 * is unreadable (`mrzReadable` false) and its check digits unknown (`mrzValid` null), never invalid.
 */
export function mergeSignals(perVendor: readonly VendorSignals[]): MergedSignals {
  const fields = perVendor.flatMap((s) => s.fields);
  const document = { fields } as DocumentView;
  for (const name of OCR_FIELD_NAMES) document[name] = bestReading(fields.filter((f) => f.name === name));
  document.mrz = perVendor.find((s) => s.mrz !== null && s.mrz.length > 0)?.mrz ?? null;
  document.mrzReadable = document.mrz === null ? null : mrzReadable(document.mrz);
  document.mrzValid = document.mrz === null ? null : verifyMrz(document.mrz);

  return {
    document,
    face: perVendor.find((s) => s.face !== null)?.face ?? null,
    landmarks: perVendor.flatMap((s) => s.landmarks),
    forgery: perVendor.flatMap((s) => s.forgery),
    quality: perVendor.flatMap((s) => s.quality),
    vendorResults: perVendor.map((s) => s.result),
    verdicts: perVendor.flatMap((s) => s.verdicts),
  };
}

function bestReading(readings: OcrField[]): OcrField | null {
  let best: OcrField | null = null;
  for (const reading of readings) {
    if (best === null) best = reading;
    else if (best.value === null && reading.value !== null) best = reading;
    else if ((reading.value !== null || best.value === null) && (reading.confidence ?? -1) > (best.confidence ?? -1)) best = reading;
  }
  return best;
}
