import { describe, expect, it } from 'vitest';
import { JPEG_SOF_SCAN_BYTES, readImageHeader } from '../../src/orchestration/image-header';
import { sniffImage } from '../../src/orchestration/image-check';
import { sampleJpeg } from '../../src/simulators/sample-image';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's signature and IHDR chunk (CRC not checked), then `rest`. */
function png(width: number, height: number, rest = Buffer.alloc(0)): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 2, 0, 0, 0], 16);
  return Buffer.concat([PNG_SIGNATURE, ihdr, rest]);
}

/** A JPEG segment: marker FF xx, length, payload. */
function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** SOF0 for width × height, one component. */
function sof(width: number, height: number, marker = 0xc0): Buffer {
  const payload = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  payload.writeUInt16BE(height, 1);
  payload.writeUInt16BE(width, 3);
  return segment(marker, payload);
}

const SOI = Buffer.from([0xff, 0xd8]);
const SOS = segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0]));
const jpeg = (...parts: Buffer[]) => Buffer.concat([SOI, ...parts]);

describe('readImageHeader', () => {
  it('reads the sample JPEG the simulators and tests use (a progressive 1×1 frame after a comment)', () => {
    expect(readImageHeader(sampleJpeg('pass'))).toEqual({ mime: 'image/jpeg', width: 1, height: 1 });
  });

  it('reads a PNG’s IHDR and a JPEG’s frame header after APPn, COM, DQT and fill bytes', () => {
    expect(readImageHeader(png(720, 480))).toEqual({ mime: 'image/png', width: 720, height: 480 });
    const app1 = segment(0xe1, Buffer.alloc(60_000, 0x45));
    const fill = Buffer.from([0xff, 0xff]);
    expect(readImageHeader(jpeg(app1, segment(0xfe, Buffer.from('hi')), fill, segment(0xdb, Buffer.alloc(65)), sof(1280, 800, 0xc2), SOS))).toEqual({
      mime: 'image/jpeg',
      width: 1280,
      height: 800,
    });
  });

  it.each([
    ['PNG signature only', PNG_SIGNATURE],
    ['PNG with a zero width', png(0, 480)],
    ['PNG with a zero height', png(720, 0)],
    ['PNG cut inside IHDR', png(720, 480).subarray(0, 20)],
    ['PNG whose first chunk is not IHDR', Buffer.concat([PNG_SIGNATURE, Buffer.from([0, 0, 0, 13]), Buffer.from('IDAT'), Buffer.alloc(17)])],
    ['JPEG SOI only', SOI],
    ['JPEG magic bytes only', Buffer.from([0xff, 0xd8, 0xff])],
    ['JPEG SOI and an APP0 marker', Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
    ['JPEG whose scan comes before any frame header', jpeg(segment(0xe0, Buffer.from('JFIF\0')), SOS, sof(10, 10))],
    ['JPEG ending (EOI) before a frame header', jpeg(Buffer.from([0xff, 0xd9]))],
    ['JPEG frame header with a zero width', jpeg(sof(0, 10), SOS)],
    ['JPEG frame header cut short', jpeg(sof(10, 10)).subarray(0, 8)],
    ['JPEG with garbage between segments', jpeg(segment(0xe0, Buffer.alloc(4)), Buffer.from([0x12, 0x34]), sof(10, 10))],
    ['DHT (C4) is not a frame header', jpeg(segment(0xc4, Buffer.alloc(20, 1)))],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['empty', Buffer.alloc(0)],
  ])('%s: not an image', (_name, bytes) => {
    expect(readImageHeader(bytes)).toBeNull();
    expect(sniffImage(bytes)).toBeNull();
  });

  it('looks for the frame header within the first JPEG_SOF_SCAN_BYTES only', () => {
    // APPn segments (64 KiB each at most) up to just past the bound, then a valid frame header.
    const app = segment(0xe2, Buffer.alloc(65_533));
    const count = Math.ceil(JPEG_SOF_SCAN_BYTES / app.length);
    expect(readImageHeader(jpeg(...Array<Buffer>(count).fill(app), sof(10, 10)))).toBeNull();
    expect(readImageHeader(jpeg(...Array<Buffer>(count - 1).fill(app), sof(10, 10)))).toEqual({ mime: 'image/jpeg', width: 10, height: 10 });
  });

  it('walks hostile bytes (8 MiB of restart markers) to the bound and refuses them', () => {
    const restarts = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < restarts.length; i += 2) restarts.set([0xff, 0xd0], i);
    expect(readImageHeader(jpeg(restarts, sof(10, 10)))).toBeNull();
  });
});
