/**
 * A tiny valid JPEG (1×1) with the scenario marker in a JPEG comment segment, so a sample image
 * given as base64 selects a simulator scenario exactly as its URL form does.
 */
const BASE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////' +
    '////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

export function sampleJpeg(scenario = 'pass'): Buffer {
  const text = Buffer.from(`EKYC-SCENARIO=${scenario};`, 'latin1');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0); // COM marker
  segment.writeUInt16BE(text.length + 2, 2);
  // SOI, then the comment, then the rest of the image.
  return Buffer.concat([BASE_JPEG.subarray(0, 2), segment, text, BASE_JPEG.subarray(2)]);
}

export function sampleJpegBase64(scenario = 'pass'): string {
  return sampleJpeg(scenario).toString('base64');
}
