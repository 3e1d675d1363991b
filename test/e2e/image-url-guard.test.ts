import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

describe('image URLs over the API', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw?.close());

  it('a metadata-address URL is BAD_USER_INPUT; nothing stored, no vendor called', async () => {
    const before = gw.vendorRequests();
    const res = await gw.gql(VERIFY, {
      input: { caseNo: 'ssrf-1', country: 'ID', documentType: 'NATIONAL_ID', documentFront: { url: 'http://169.254.169.254/latest/meta-data/iam' } },
    });
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.documentFront.url' });
    expect(gw.vendorRequests()).toBe(before);
    const stored = await gw.db.query(`SELECT 1 FROM identities WHERE case_no = 'ssrf-1'`);
    expect(stored.rows).toHaveLength(0);
  });

  it('addresses that carry an internal IPv4 inside IPv6 (compatible, NAT64, 6to4) and other special ranges are BAD_USER_INPUT', async () => {
    const before = gw.vendorRequests();
    for (const [i, url] of [
      'http://[::127.0.0.1]:6379/',
      'http://[64:ff9b::169.254.169.254]/latest/meta-data/',
      'http://[2002:a9fe:a9fe::1]/latest/meta-data/',
      'http://[fec0::1]/a.jpg',
      'http://198.18.0.1/a.jpg',
    ].entries()) {
      const res = await gw.gql(VERIFY, { input: { caseNo: `ssrf-v6-${i}`, country: 'ID', documentType: 'NATIONAL_ID', documentFront: { url } } });
      expect(res.errors![0]!.extensions, url).toEqual({ code: 'BAD_USER_INPUT', field: 'input.documentFront.url' });
      expect(res.errors![0]!.message, url).not.toContain(url);
    }
    expect(gw.vendorRequests()).toBe(before);
    const stored = await gw.db.query(`SELECT 1 FROM identities WHERE case_no LIKE 'ssrf-v6-%'`);
    expect(stored.rows).toHaveLength(0);
  });

  it('the in-process simulators’ own sample URLs are allowed in development', async () => {
    const sample = `${gw.simulators.INNOV8TIF!.url}/samples/pass.jpg`;
    const res = await gw.gql(VERIFY, {
      input: { caseNo: 'ssrf-2', country: 'KH', documentType: 'NATIONAL_ID', documentFront: { url: sample }, documentBack: { url: sample }, faceSignatureId: 'pass' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyIdentity.vendorResults.map((r: any) => r.status)).toEqual(['OK', 'OK', 'OK']);
  });
});
