import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyParts } from '../../src/vendors/body-parts';
import { VendorHttpClient } from '../../src/vendors/http';

/** A request body sent as parts arrives byte for byte, with the right content-length, over real HTTP. */
describe('BodyParts', () => {
  let url: string;
  const received: Array<{ body: Buffer; length: string | undefined; encoding: string | undefined }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), length: req.headers['content-length'], encoding: req.headers['transfer-encoding'] });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a large base64 part and non-ASCII text exactly, with content-length', async () => {
    const base64 = Buffer.alloc(3 * 1024 * 1024 + 7, 0xab).toString('base64');
    // A surrogate pair placed across the 64 Ki boundary of a slice.
    const text = `${'x'.repeat(64 * 1024 - 1)}😀 ካሳ ñ`;
    const parts = new BodyParts(['{"image":"', base64, '","note":', JSON.stringify(text), '}']);
    const client = new VendorHttpClient(url, 5_000);
    try {
      const res = await client.request({ method: 'POST', path: '/x', body: parts, signal: new AbortController().signal });
      expect(res.json).toEqual({ ok: true });
    } finally {
      await client.close();
    }
    const got = received.at(-1)!;
    expect(got.encoding).toBeUndefined();
    expect(Number(got.length)).toBe(parts.byteLength);
    expect(got.body.toString('utf8')).toBe(parts.toString());
    expect(JSON.parse(got.body.toString('utf8'))).toEqual({ image: base64, note: text });
  });
});
