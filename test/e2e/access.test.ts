import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPersonalField } from '../../src/graphql/pii-mask';
import { image, startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

const KEYS = {
  partnerA: { name: 'partner-a', key: 'partner-a-key-0123456789', scopes: ['identity:verify', 'identity:read'] },
  partnerB: { name: 'partner-b', key: 'partner-b-key-0123456789', scopes: ['identity:verify', 'identity:read'] },
  verifyOnly: { name: 'verify-only', key: 'verify-only-key-0123456789', scopes: ['identity:verify'] },
  readOnly: { name: 'read-only', key: 'read-only-key-0123456789', scopes: ['identity:read'] },
  reviewer: { name: 'reviewer', key: 'reviewer-key-0123456789', scopes: ['identity:read', 'identity:read:all', 'review:write'] },
  piiReader: { name: 'pii-reader', key: 'pii-reader-key-0123456789', scopes: ['identity:read', 'identity:read:all', 'pii:read'] },
  limited: { name: 'limited', key: 'limited-key-0123456789', scopes: ['identity:read'], rateLimit: { perMinute: 60, burst: 3 } },
  // A token every 10 s: none comes back during a test.
  verifyLimited: { name: 'verify-limited', key: 'verify-limited-key-0123456789', scopes: ['identity:verify', 'identity:read'], rateLimit: { perMinute: 6, burst: 4 } },
  verifyFresh: { name: 'verify-fresh', key: 'verify-fresh-key-0123456789', scopes: ['identity:verify', 'identity:read'], rateLimit: { perMinute: 6, burst: 3 } },
  verifyTiny: { name: 'verify-tiny', key: 'verify-tiny-key-0123456789', scopes: ['identity:verify', 'identity:read'], rateLimit: { perMinute: 6, burst: 2 } },
};

/** One request holding `n` verifyIdentity mutations under aliases v0, v1 ... */
const aliased = (n: number) =>
  `mutation(${Array.from({ length: n }, (_, i) => `$i${i}: VerifyIdentityInput!`).join(', ')}) { ` +
  Array.from({ length: n }, (_, i) => `v${i}: verifyIdentity(input: $i${i}) { id decision { outcome } }`).join(' ') +
  ' }';
const aliasedInputs = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`i${i}`, kh(`${prefix}-${i}`)]));

const kh = (caseNo: string) => ({
  caseNo,
  country: 'KH',
  documentType: 'NATIONAL_ID',
  documentFront: image('pass'),
  documentBack: image('pass'),
  faceSignatureId: 'pass',
});

describe('API keys, scopes and tenants', () => {
  let gw: TestGateway;
  let caseOfA: string;
  beforeAll(async () => {
    gw = await startTestGateway({ API_KEYS: JSON.stringify(Object.values(KEYS)) });
    const res = await gw.gql(VERIFY, { input: kh('tenant-a-1') }, { key: KEYS.partnerA.key });
    expect(res.errors).toBeUndefined();
    caseOfA = res.data!.verifyIdentity.id;
  });
  afterAll(() => gw?.close());

  const count = async () => Number((await gw.db.query<{ n: string }>('SELECT count(*)::text AS n FROM identities')).rows[0]!.n);
  const code = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;

  describe('authentication', () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['no key', {}],
      ['an unknown key', { authorization: 'Bearer not-a-key-we-issued-000000' }],
      ['the key without "Bearer"', { authorization: KEYS.partnerA.key }],
      ['a Basic authorization header', { authorization: `Basic ${Buffer.from(`x:${KEYS.partnerA.key}`).toString('base64')}` }],
      ['an empty x-api-key', { 'x-api-key': '' }],
    ];
    it.each(cases)('%s → 401 UNAUTHENTICATED, nothing stored, no vendor called', async (_name, headers) => {
      const before = [await count(), gw.vendorRequests()];
      const res = await gw.gql(VERIFY, { input: kh(`unauth-${Math.random()}`) }, { key: null, headers });
      expect(res.status).toBe(401);
      expect(code(res)).toBe('UNAUTHENTICATED');
      expect(res.data ?? null).toBeNull();
      expect([await count(), gw.vendorRequests()]).toEqual(before);
    });

    it('x-api-key works as well as Bearer', async () => {
      const res = await gw.gql(`{ identity(id: "${caseOfA}") { caseNo } }`, {}, { key: null, headers: { 'x-api-key': KEYS.partnerA.key } });
      expect(res.data!.identity).toEqual({ caseNo: 'tenant-a-1' });
    });

    it('a revoked key stops working; an expired key never works', async () => {
      const keys = new (await import('../../src/auth/api-key-store')).ApiKeyStore(gw.db);
      const { key } = await keys.create({ name: 'short-lived', scopes: ['identity:read'] });
      const ok = await gw.gql(`{ identities(first: 1) { totalCount } }`, {}, { key });
      expect(ok.errors).toBeUndefined();
      await keys.revoke('short-lived');
      await new Promise((r) => setTimeout(r, 5_100)); // the lookup cache trusts a key for 5 s
      expect(code(await gw.gql(`{ identities(first: 1) { totalCount } }`, {}, { key }))).toBe('UNAUTHENTICATED');
      const expired = await keys.create({ name: 'expired', scopes: ['identity:read'], expiresAt: new Date(Date.now() - 1000) });
      expect(code(await gw.gql(`{ identities(first: 1) { totalCount } }`, {}, { key: expired.key }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('scopes: every operation allowed with its scope, FORBIDDEN without', () => {
    const ops: Array<[string, (id: string) => [string, Record<string, unknown>], string, string]> = [
      ['verifyIdentity', () => [VERIFY, { input: kh(`scope-${Math.random()}`) }], KEYS.verifyOnly.key, KEYS.readOnly.key],
      ['identity', (id) => [`query($id: ID!) { identity(id: $id) { id } }`, { id }], KEYS.reviewer.key, KEYS.verifyOnly.key],
      ['identities', () => [`{ identities(first: 5) { totalCount } }`, {}], KEYS.readOnly.key, KEYS.verifyOnly.key],
      ['refreshIdentity', (id) => [`mutation($id: ID!) { refreshIdentity(id: $id) { id } }`, { id }], KEYS.partnerA.key, KEYS.readOnly.key],
      [
        '_entities (federation)',
        (id) => [`query($r: [_Any!]!) { _entities(representations: $r) { ... on Identity { caseNo } } }`, { r: [{ __typename: 'Identity', id }] }],
        KEYS.reviewer.key,
        KEYS.verifyOnly.key,
      ],
      ['reviewIdentity', (id) => [`mutation($id: ID!) { reviewIdentity(id: $id, outcome: REVIEW, note: "second look") { id } }`, { id }], KEYS.reviewer.key, KEYS.partnerA.key],
    ];
    it.each(ops)('%s', async (_op, build, allowed, refused) => {
      const [query, variables] = build(caseOfA);
      const yes = await gw.gql(query, variables, { key: allowed });
      expect(yes.errors).toBeUndefined();
      const before = await count();
      const no = await gw.gql(query, variables, { key: refused });
      expect(code(no)).toBe('FORBIDDEN');
      expect(no.errors![0]!.message).toMatch(/lacks the scope/);
      expect(await count()).toBe(before);
    });
  });

  describe('tenants', () => {
    it('another partner cannot see a case, and cannot tell it exists', async () => {
      const read = await gw.gql(`query($id: ID!) { identity(id: $id) { id } }`, { id: caseOfA }, { key: KEYS.partnerB.key });
      expect(read.errors).toBeUndefined();
      expect(read.data!.identity).toBeNull();
      const unknown = await gw.gql(`query($id: ID!) { identity(id: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' }, { key: KEYS.partnerB.key });
      expect(unknown.data!.identity).toBeNull();
      const refresh = await gw.gql(`mutation($id: ID!) { refreshIdentity(id: $id) { id } }`, { id: caseOfA }, { key: KEYS.partnerB.key });
      expect(code(refresh)).toBe('NOT_FOUND');
      const list = await gw.gql(`{ identities(first: 100) { totalCount edges { node { caseNo } } } }`, {}, { key: KEYS.partnerB.key });
      expect(list.data!.identities.edges.map((e: any) => e.node.caseNo)).not.toContain('tenant-a-1');
    });

    it('the same caseNo from two partners is two cases, not a conflict', async () => {
      const a = await gw.gql(VERIFY, { input: kh('shared-ref-7') }, { key: KEYS.partnerA.key });
      const b = await gw.gql(VERIFY, { input: { ...kh('shared-ref-7'), faceSignatureId: 'similarity-fail' } }, { key: KEYS.partnerB.key });
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      expect(a.data!.verifyIdentity.id).not.toBe(b.data!.verifyIdentity.id);
    });

    it('a reviewer with identity:read:all sees every partner’s cases and is named on its decision', async () => {
      const list = await gw.gql(`{ identities(first: 100, filter: { caseNo: "tenant-a-1" }) { totalCount } }`, {}, { key: KEYS.reviewer.key });
      expect(list.data!.identities.totalCount).toBe(1);
      const review = await gw.gql(
        `mutation($id: ID!) { reviewIdentity(id: $id, outcome: APPROVE, note: "checked") { decision { outcome decidedBy note } } }`,
        { id: caseOfA },
        { key: KEYS.reviewer.key },
      );
      expect(review.data!.reviewIdentity.decision).toEqual({ outcome: 'APPROVE', decidedBy: 'reviewer', note: 'checked' });
    });
  });

  describe('personal data masking', () => {
    const READ = `query($id: ID!) { identity(id: $id) {
      document { fields { name value raw confidence vendor } mrz mrzValid
        idNumber { value raw } fullName { value raw } localName { value raw } birthDate { value raw } address { value raw } }
      face { livenessScore similarityScore } landmarks { score } decision { outcome reasons { code } } } }`;

    it('without pii:read every personal OCR value and the MRZ are masked; scores, confidences and the decision stay whole', async () => {
      const masked = (await gw.gql(READ, { id: caseOfA }, { key: KEYS.partnerA.key })).data!.identity;
      const clear = (await gw.gql(READ, { id: caseOfA }, { key: KEYS.piiReader.key })).data!.identity;

      expect(clear.document.fields.length).toBeGreaterThan(5);
      clear.document.fields.forEach((field: any, i: number) => {
        const other = masked.document.fields[i];
        expect(other.name).toBe(field.name);
        expect(other.confidence).toBe(field.confidence);
        expect(other.vendor).toBe(field.vendor);
        if (isPersonalField(field.name)) {
          if (field.value !== null) expect(other.value, field.name).not.toBe(field.value);
          if (field.raw !== null) expect(other.raw, field.name).not.toBe(field.raw);
          expect(JSON.stringify(masked)).not.toContain(field.raw);
        } else {
          expect(other.value).toBe(field.value);
        }
      });
      expect(masked.document.idNumber.value).toMatch(/^\*+\d{4}$/);
      expect(masked.document.fullName.value).toBe('S. D.');
      expect(masked.document.birthDate.value).toBe('****');
      expect(masked.document.mrz.every((l: string) => /^\*+$/.test(l))).toBe(true);
      expect(clear.document.mrz.some((l: string) => /[A-Z]/.test(l))).toBe(true);
      expect(masked.document.mrzValid).toBe(clear.document.mrzValid);
      expect(masked.face).toEqual(clear.face);
      expect(masked.landmarks).toEqual(clear.landmarks);
      expect(masked.decision).toEqual(clear.decision);
    });
  });

  it('answers carrying personal data tell every cache not to keep them (cache-control: no-store)', async () => {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.piiReader.key}` },
      body: JSON.stringify({ query: 'query($id: ID!) { identity(id: $id) { id document { fullName { value } } } }', variables: { id: caseOfA } }),
    });
    const body = (await res.body.json()) as { data: { identity: { id: string; document: { fullName: { value: string } } } } };
    expect(body.data.identity.document.fullName.value).toBe('SOK DARA');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  describe('rate limits', () => {
    it('a burst over the key’s bucket gets RATE_LIMITED with a retry-after; other keys are unaffected', async () => {
      const q = `{ identities(first: 1) { totalCount } }`;
      const results = await Promise.all(Array.from({ length: 6 }, () => gw.gql(q, {}, { key: KEYS.limited.key })));
      const limited = results.filter((r) => code(r) === 'RATE_LIMITED');
      expect(results.filter((r) => !r.errors)).toHaveLength(3);
      expect(limited).toHaveLength(3);
      expect(limited[0]!.status).toBe(429);
      expect(limited[0]!.errors![0]!.extensions!.retryAfter).toBe(1);
      const raw = await request(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.limited.key}` },
        body: JSON.stringify({ query: q }),
      });
      expect(raw.statusCode).toBe(429);
      expect(raw.headers['retry-after']).toBe('1');
      await raw.body.dump();
      expect((await gw.gql(q, {}, { key: KEYS.readOnly.key })).errors).toBeUndefined();
    });

    it('each verification under an alias takes a token: a request cannot verify more cases than the limit allows', async () => {
      const key = KEYS.verifyLimited.key;
      const three = await gw.gql(aliased(3), aliasedInputs('alias-ok', 3), { key });
      expect(three.errors).toBeUndefined();
      expect(Object.keys(three.data!)).toEqual(['v0', 'v1', 'v2']); // 3 of the 4 tokens; 1 left

      const before = [await count(), gw.vendorRequests()];
      const two = await gw.gql(aliased(2), aliasedInputs('alias-over', 2), { key });
      expect(two.status).toBe(429);
      expect(two.data ?? null).toBeNull();
      expect(two.errors).toEqual([
        expect.objectContaining({
          message: 'Rate limit exceeded for this API key: the operation holds 2 verifications',
          extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfter: 10, verifications: 2 }),
        }),
      ]);
      expect([await count(), gw.vendorRequests()]).toEqual(before);
      // The refused request's own token was given back: one verification still goes through now, and
      // Retry-After counted all the tokens the refused one needs.
      expect((await gw.gql(VERIFY, { input: kh('alias-after-refusal') }, { key })).errors).toBeUndefined();
    });

    it('an operation refused before it runs (variables that do not coerce) takes no token per verification', async () => {
      const key = KEYS.verifyFresh.key;
      const bad = await gw.gql(aliased(3), { i0: { caseNo: 'x' }, i1: { caseNo: 'y' }, i2: { caseNo: 'z' } }, { key });
      expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      // Only the request's own token went: two verifications in one request fit in the two left.
      const two = await gw.gql(aliased(2), aliasedInputs('after-bad-vars', 2), { key });
      expect(two.errors).toBeUndefined();
      expect(Object.keys(two.data!)).toEqual(['v0', 'v1']);
    });

    it('more verifications in one request than the key’s burst: refused for good, nothing run', async () => {
      const before = [await count(), gw.vendorRequests()];
      const res = await gw.gql(aliased(3), aliasedInputs('alias-burst', 3), { key: KEYS.verifyTiny.key });
      expect(res.status).toBe(429);
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: 'The operation holds 3 verifications (verifyIdentity, refreshIdentity); this API key allows at most 2 at once: send them in separate requests',
          extensions: expect.objectContaining({ code: 'RATE_LIMITED', verifications: 3, burst: 2 }),
        }),
      ]);
      expect(res.errors![0]!.extensions!.retryAfter).toBeUndefined();
      expect([await count(), gw.vendorRequests()]).toEqual(before);
      // One at a time is within the limit.
      expect((await gw.gql(VERIFY, { input: kh('alias-burst-single') }, { key: KEYS.verifyTiny.key })).errors).toBeUndefined();
    });
  });
});
