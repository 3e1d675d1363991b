import { describe, expect, it } from 'vitest';
import { checkImage } from '../../src/orchestration/image-check';
import { sampleJpegBase64 } from '../../src/simulators/sample-image';

const jpeg = sampleJpegBase64('pass');
const refused = (base64: string) => {
  try {
    checkImage('i.documentFront', { base64 });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('checkImage: base64', () => {
  it('accepts a JPEG as sent, and with MIME line breaks', () => {
    expect(checkImage('i.documentFront', { base64: jpeg })).toMatchObject({ kind: 'base64', mime: 'image/jpeg' });
    const wrapped = jpeg.replace(/(.{76})/g, '$1\r\n');
    expect(checkImage('i.documentFront', { base64: wrapped })).toMatchObject({ base64: jpeg });
  });

  it('refuses a character outside the alphabet anywhere, padding in the middle, a wrong length', () => {
    const middle = Math.floor(jpeg.length / 8) * 4;
    for (const bad of [`${jpeg.slice(0, middle)}!${jpeg.slice(middle + 1)}`, `${jpeg.slice(0, middle)}==${jpeg.slice(middle + 2)}`, `${jpeg.slice(0, -4)}*A==`, jpeg.slice(1)]) {
      expect(refused(bad)).toMatch(/^i\.documentFront\.base64: is not valid base64$/);
    }
  });

  it('accepts a final group whose unused bits are set (some encoders send them)', () => {
    expect(jpeg.slice(-4)).toBe('EA==');
    expect(refused(`${jpeg.slice(0, -4)}EB==`)).toBeNull();
  });
});
