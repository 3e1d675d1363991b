import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { image, startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

/** Bad input gets BAD_USER_INPUT naming the field, and no vendor is called. */
describe('verifyIdentity bad input', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw?.close());

  const valid = () => ({
    caseNo: 'bad-input',
    country: 'KH',
    documentType: 'NATIONAL_ID',
    documentFront: image('pass'),
    documentBack: image('pass'),
    faceSignatureId: 'pass',
  });

  const nineMiB = Buffer.alloc(9 * 1024 * 1024, 0);
  nineMiB.set([0xff, 0xd8, 0xff], 0);

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['front is not base64', { documentFront: { base64: 'not base64 at all!' } }, 'input.documentFront.base64'],
    ['front is not JPEG or PNG', { documentFront: { base64: Buffer.from('GIF89a fake gif body').toString('base64') } }, 'input.documentFront.base64'],
    ['front is over 8 MiB decoded', { documentFront: { base64: nineMiB.toString('base64') } }, 'input.documentFront.base64'],
    ['front has both base64 and url', { documentFront: { ...image('pass'), url: 'https://example.com/a.jpg' } }, 'input.documentFront'],
    ['back has neither base64 nor url', { documentBack: {} }, 'input.documentBack'],
    ['back URL is not http(s)', { documentBack: { url: 'ftp://example.com/back.jpg' } }, 'input.documentBack.url'],
    ['back URL is not a URL', { documentBack: { url: 'not a url' } }, 'input.documentBack.url'],
    ['country code is unknown', { country: 'XX' }, 'input.country'],
    ['caseNo is empty', { caseNo: '   ' }, 'input.caseNo'],
    ['caseNo holds a NUL character', { caseNo: 'case\u0000one' }, 'input.caseNo'],
    ['caseNo holds an unpaired surrogate', { caseNo: 'case-\ud800' }, 'input.caseNo'],
    ...(
      [
        ['an escape sequence', 'case\u001b[2J\u001b[31mred'],
        ['a C1 control (CSI)', 'case\u009b31m'],
        ['a carriage return', 'case\rAPPROVED'],
        ['a newline', 'case\nAPPROVED'],
        ['a bidi override', 'invoice\u202egnp.exe'],
        ['a bidi isolate', 'case\u2066x\u2069'],
        ['a zero-width space', 'case\u200b1'],
        ['a zero-width joiner', 'case\u200d1'],
        ['a line separator', 'case\u20281'],
        ['a tag character', 'case\u{e0041}'],
      ] as const
    ).map(([what, caseNo]): [string, Record<string, unknown>, string] => [`caseNo holds ${what}`, { caseNo }, 'input.caseNo']),
    ['faceSignatureId holds an unpaired surrogate', { faceSignatureId: 'sig-\udc00' }, 'input.faceSignatureId'],
    ['data: prefix on base64', { documentFront: { base64: `data:image/jpeg;base64,${image('pass').base64}` } }, 'input.documentFront.base64'],
    [
      'front is only the PNG signature',
      { documentFront: { base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64') } },
      'input.documentFront.base64',
    ],
    ['back is only a JPEG start-of-image marker', { documentBack: { base64: Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64') } }, 'input.documentBack.base64'],
  ];

  it.each(cases)('%s → BAD_USER_INPUT naming %s, no vendor called', async (_name, change, field) => {
    const before = gw.vendorRequests();
    const res = await gw.gql(VERIFY, { input: { ...valid(), ...change } });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(res.errors![0]!.message).toContain(field);
    expect(gw.vendorRequests()).toBe(before);
  });

  it('a caseNo with unprintable characters is refused without being repeated, and nothing is stored', async () => {
    const caseNo = 'echo\u001b]0;pwned\u0007\u202e';
    const res = await gw.gql(VERIFY, { input: { ...valid(), caseNo } });
    expect(res.errors![0]!.message).toBe('input.caseNo: must not contain control, formatting (bidi, zero-width) or line separator characters');
    expect(JSON.stringify(res)).not.toContain('pwned');
    const listed = await gw.gql('query L($c: String) { identities(filter: { caseNo: $c }) { totalCount } }', { c: caseNo });
    expect(listed.data!.identities.totalCount).toBe(0);
    // Characters that read as themselves are still accepted.
    const fine = await gw.gql(VERIFY, { input: { ...valid(), caseNo: 'ĐƠN-hàng 42/ខ្មែរ_日本 #1' } });
    expect(fine.errors).toBeUndefined();
    expect(fine.data!.verifyIdentity.caseNo).toBe('ĐƠN-hàng 42/ខ្មែរ_日本 #1');
  });

  it('an image URL longer than 2048 characters or carrying credentials is refused, without quoting it; no vendor called', async () => {
    // The simulators' own sample URL: allowed and fetchable, so only the length or the credentials can refuse it.
    const sample = new URL(`${gw.simulators.INNOV8TIF!.url}/samples/pass.jpg`);
    const withUser = (user: string) => sample.href.replace('//', `//${user}@`);
    const before = gw.vendorRequests();
    for (const [field, url, reason] of [
      ['input.documentFront.url', `${sample.href}?${'q'.repeat(2048)}`, 'longer than 2048 characters'],
      ['input.documentBack.url', withUser('scan:hunter2'), 'must not carry a user name or password'],
      ['input.documentBack.url', withUser('scan'), 'must not carry a user name or password'],
    ] as const) {
      const key = field === 'input.documentFront.url' ? 'documentFront' : 'documentBack';
      const res = await gw.gql(VERIFY, { input: { ...valid(), caseNo: 'bad-input-url', [key]: { url } } });
      expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(res.errors![0]!.message).toContain(reason);
      const text = JSON.stringify(res.errors);
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain(sample.host);
    }
    expect(gw.vendorRequests()).toBe(before);
  });

  it('a URL of exactly 2048 characters is accepted', async () => {
    const url = `${gw.simulators.INNOV8TIF!.url}/samples/pass.jpg?`;
    const res = await gw.gql(VERIFY, { input: { ...valid(), caseNo: 'bad-input-url-2048', documentBack: { url: url + 'p'.repeat(2048 - url.length) } } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyIdentity.vendorResults.find((r: any) => r.vendor === 'INNOV8TIF').status).toBe('OK');
  });

  it('an unknown document type is refused by the schema as BAD_USER_INPUT', async () => {
    const before = gw.vendorRequests();
    const res = await gw.gql(VERIFY, { input: { ...valid(), documentType: 'LIBRARY_CARD' } });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toContain('documentType');
    expect(gw.vendorRequests()).toBe(before);
  });

  it('a body over the request limit is refused before parsing', async () => {
    const { request } = await import('undici');
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(25 * 1024 * 1024, 0x20),
    });
    expect(res.statusCode).toBe(413);
    const body = (await res.body.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('an internal failure never shows its message or stack to the client', async () => {
    const res = await gw.gql(`{ identity(id: "no-such-case") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.identity).toBeNull();
  });
});
