/** What a JPEG or PNG header says about the image. */
export interface ImageHeader {
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * How far into a JPEG the frame header (SOFn) is looked for. Only APPn, COM, DQT, DHT and similar
 * segments may come before it; cameras put EXIF and thumbnails there (64 KiB a segment at most), so
 * a real SOF sits well inside this. Segments are skipped by their lengths, so a real header takes a
 * handful of steps; hostile bytes (a run of fill bytes or RSTn markers) at most one step per byte of
 * this prefix, a few milliseconds.
 */
export const JPEG_SOF_SCAN_BYTES = 1024 * 1024;

/**
 * The format and dimensions of a JPEG or PNG, read from its header: a PNG's IHDR chunk right after
 * the signature, a JPEG's frame header (SOF0..SOF15 except DHT, JPG and DAC) before its first scan.
 * Null when the bytes are neither, or the header is missing, cut short or gives a zero dimension:
 * magic bytes alone are not an image.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return pngHeader(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegHeader(bytes);
  return null;
}

function pngHeader(bytes: Uint8Array): ImageHeader | null {
  // Signature (8), then the first chunk: length 13, type IHDR, width, height (big-endian).
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8) !== 13) return null;
  if (String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) !== 'IHDR') return null;
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { mime: 'image/png', width, height } : null;
}

function jpegHeader(bytes: Uint8Array): ImageHeader | null {
  const end = Math.min(bytes.length, JPEG_SOF_SCAN_BYTES);
  let at = 2; // after SOI
  while (at < end) {
    if (bytes[at] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (at < end && bytes[at] === 0xff) at++;
    if (at >= end) return null;
    const marker = bytes[at]!;
    at++;
    // Markers without a length: TEM and RSTn.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    // EOI or the first scan before any frame header: no dimensions to read.
    if (marker === 0xd9 || marker === 0xda || marker === 0x00) return null;
    if (at + 2 > end) return null;
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (length < 2) return null;
    if (isFrameHeader(marker)) {
      // Length (2), precision (1), height (2), width (2).
      if (length < 8 || at + 7 > bytes.length) return null;
      const height = (bytes[at + 3]! << 8) | bytes[at + 4]!;
      const width = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      return width > 0 && height > 0 ? { mime: 'image/jpeg', width, height } : null;
    }
    at += length;
  }
  return null;
}

/** SOF0..SOF15, which are C0..CF except C4 (DHT), C8 (JPG) and CC (DAC). */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}
