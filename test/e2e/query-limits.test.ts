import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { image, startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

/** Each query limit with a query just under and just over it. */
describe('query limits', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // Size and token limits raised (query-size.test.ts tests them) so the cost guard of a huge operation is reached.
    gw = await startTestGateway({ MAX_QUERY_DEPTH: '5', MAX_QUERY_COMPLEXITY: '200', MAX_QUERY_BYTES: '1000000', MAX_QUERY_TOKENS: '100000' });
  });
  afterAll(() => gw?.close());

  const code = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;

  it('depth: 5 levels pass, 6 are refused before execution', async () => {
    const five = await gw.gql(`{ identities(first: 1) { edges { node { document { mrz } } } } }`);
    expect(five.errors).toBeUndefined();
    const six = await gw.gql(`{ identities(first: 1) { edges { node { document { idNumber { value } } } } } }`);
    expect(six.status).toBe(400);
    expect(code(six)).toBe('QUERY_TOO_DEEP');
    expect(six.errors![0]!.message).toBe('The operation is nested 6 levels deep; the limit is 5');
  });

  it('depth counts through fragments', async () => {
    const res = await gw.gql(`{ identities(first: 1) { ...E } } fragment E on IdentityConnection { edges { node { document { idNumber { value } } } } }`);
    expect(code(res)).toBe('QUERY_TOO_DEEP');
  });

  it('cost: a listing is priced by its page size; just under the limit runs, just over is refused', async () => {
    // identities costs 1 + (edges 1 + node 1 + id 1) × first.
    const under = await gw.gql(`{ identities(first: 66) { edges { node { id } } } }`);
    expect(under.errors).toBeUndefined();
    const over = await gw.gql(`{ identities(first: 67) { edges { node { id } } } }`);
    expect(code(over)).toBe('QUERY_TOO_COMPLEX');
    expect(over.errors![0]!.extensions).toMatchObject({ complexity: 202, maxComplexity: 200 });
  });

  it('cost: counterfactuals and explanations re-evaluate the policy and are priced so (50 and 20)', async () => {
    const one = (alias: string) => `${alias}: identity(id: "00000000-0000-4000-8000-000000000000") { decision { counterfactuals { fact } explanation { rule } } }`;
    // Each: identity 1 + decision 1 + counterfactuals (50 + fact 1) + explanation (20 + rule 1) = 74.
    const two = await gw.gql(`{ ${one('a')} ${one('b')} }`);
    expect(code(two)).not.toBe('QUERY_TOO_COMPLEX');
    const three = await gw.gql(`{ ${one('a')} ${one('b')} ${one('c')} }`);
    expect(code(three)).toBe('QUERY_TOO_COMPLEX');
    expect(three.errors![0]!.extensions).toMatchObject({ complexity: 222, maxComplexity: 200 });
  });

  it('cost: verifyIdentity is priced for its vendor calls, and an over-limit operation calls no vendor', async () => {
    const before = gw.vendorRequests();
    const aliases = Array.from({ length: 4 }, (_, i) => `v${i}: verifyIdentity(input: $input) { id }`).join('\n');
    const res = await gw.gql(`mutation($input: VerifyIdentityInput!) { ${aliases} }`, {
      input: { caseNo: 'costly', country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass', documentFront: image('pass') },
    });
    expect(code(res)).toBe('QUERY_TOO_COMPLEX');
    expect(gw.vendorRequests()).toBe(before);
    const three = Array.from({ length: 3 }, (_, i) => `v${i}: verifyIdentity(input: $input) { id }`).join('\n');
    const ok = await gw.gql(`mutation($input: VerifyIdentityInput!) { ${three} }`, {
      input: { caseNo: 'affordable', country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass' },
    });
    expect(ok.errors).toBeUndefined();
  });

  it('cost: the same query text is priced by each request’s variables where they change the cost', async () => {
    // A page size in a variable: the same text under, then over the limit.
    const listing = 'query($n: Int) { identities(first: $n) { edges { node { id } } } }';
    expect((await gw.gql(listing, { n: 66 })).errors).toBeUndefined();
    const over = await gw.gql(listing, { n: 67 });
    expect(code(over)).toBe('QUERY_TOO_COMPLEX');
    expect(over.errors![0]!.extensions).toMatchObject({ complexity: 202 });
    expect((await gw.gql(listing, { n: 66 })).errors).toBeUndefined();

    // A fourth verifyIdentity kept by @include: dropped it is affordable, kept it is refused.
    const mutation = `mutation($input: VerifyIdentityInput!, $more: Boolean!) {
      ${Array.from({ length: 3 }, (_, i) => `v${i}: verifyIdentity(input: $input) { id }`).join('\n')}
      v3: verifyIdentity(input: $input) @include(if: $more) { id } }`;
    const input = (caseNo: string) => ({ caseNo, country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass' });
    expect((await gw.gql(mutation, { input: input('include-off'), more: false })).errors).toBeUndefined();
    const before = gw.vendorRequests();
    const kept = await gw.gql(mutation, { input: input('include-on'), more: true });
    expect(code(kept)).toBe('QUERY_TOO_COMPLEX');
    expect(gw.vendorRequests()).toBe(before);

    // A cost that does not depend on the variables is the same on every repeat.
    const four = `mutation($input: VerifyIdentityInput!) { ${Array.from({ length: 4 }, (_, i) => `v${i}: verifyIdentity(input: $input) { id }`).join('\n')} }`;
    for (const caseNo of ['repeat-1', 'repeat-2']) {
      const res = await gw.gql(four, { input: input(caseNo) });
      expect(code(res)).toBe('QUERY_TOO_COMPLEX');
      expect(res.errors![0]!.extensions).toMatchObject({ complexity: 204, maxComplexity: 200 });
    }
  });

  it('cost: a request naming no operation of the document leaves nothing that lets the same text past the limit', async () => {
    const { request } = await import('undici');
    const post = async (body: Record<string, unknown>) => {
      const res = await request(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gw.authHeaders },
        body: JSON.stringify(body),
      });
      return (await res.body.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    };
    const query = `mutation M($input: VerifyIdentityInput!) { ${Array.from({ length: 4 }, (_, i) => `v${i}: verifyIdentity(input: $input) { id }`).join('\n')} }`;
    const variables = { input: { caseNo: 'poison', country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass' } };
    const before = gw.vendorRequests();
    for (const operationName of ['', 'Nope']) {
      const unknown = await post({ query, variables, operationName });
      expect(unknown.errors![0]!.message).toMatch(/unknown operation/i);
    }
    for (const operationName of [undefined, null, 'M']) {
      const res = await post({ query, variables, operationName });
      expect(code(res)).toBe('QUERY_TOO_COMPLEX');
      expect(res.errors![0]!.extensions).toMatchObject({ complexity: 204 });
    }
    expect(gw.vendorRequests()).toBe(before);
  });

  it('cost: an operation too large to be costed is refused, not let through', async () => {
    const huge = `{ ${Array.from({ length: 10_001 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const res = await gw.gql(huge);
    expect(res.status).toBe(400);
    expect(code(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0]!.message).toBe('The operation is too large to cost; the limit is 200');
    expect((res as { data?: unknown }).data).toBeUndefined();
  });

  it('batched requests are refused', async () => {
    const { request } = await import('undici');
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...gw.authHeaders },
      body: JSON.stringify([{ query: '{ identities(first: 1) { totalCount } }' }, { query: '{ identities(first: 1) { totalCount } }' }]),
    });
    expect(res.statusCode).toBe(400);
    expect(await res.body.text()).toMatch(/batch/i);
  });

  it('VERIFY as a client sends it stays within the default limits', async () => {
    const res = await gw.gql(VERIFY, { input: { caseNo: 'default-shape', country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass' } });
    expect(res.errors).toBeUndefined();
  });
});
