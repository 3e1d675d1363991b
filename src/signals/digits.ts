/** Khmer (U+17E0..U+17E9) and other non-ASCII decimal digits vendors print, mapped to ASCII. */
const DIGIT_BLOCKS = [0x17e0 /* Khmer */, 0x0660 /* Arabic-Indic */, 0x06f0 /* Extended Arabic-Indic */, 0x0e50 /* Thai */];

export function toAsciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const block = DIGIT_BLOCKS.find((start) => code >= start && code <= start + 9);
    out += block === undefined ? ch : String(code - block);
  }
  return out;
}
