/**
 * Sex as printed on South-East Asian documents → "M" / "F". Khmer (ប្រុស / ស្រី), Malay and
 * Indonesian (LELAKI, LAKI-LAKI / PEREMPUAN, WANITA), Vietnamese (Nam / Nữ), Thai, English.
 */
const MALE = new Set(['M', 'MALE', 'MAN', 'ប្រុស', 'LELAKI', 'LAKI-LAKI', 'LAKI LAKI', 'PRIA', 'NAM', 'ชาย', 'L']);
const FEMALE = new Set(['F', 'FEMALE', 'WOMAN', 'ស្រី', 'PEREMPUAN', 'WANITA', 'NỮ', 'NU', 'หญิง', 'P']);

export function normaliseSex(input: unknown): 'M' | 'F' | null {
  if (typeof input !== 'string') return null;
  const word = input.normalize('NFC').trim().toUpperCase();
  if (MALE.has(word)) return 'M';
  if (FEMALE.has(word)) return 'F';
  return null;
}
