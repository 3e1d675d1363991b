import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

/**
 * graphql-js answers a wrong name with "Did you mean …?" and the names it resembles: a way to read
 * the schema by guessing, introspection off or not. Production names none; development keeps them.
 */
describe('suggestions of schema names', () => {
  let production: TestGateway;
  let development: TestGateway;
  beforeAll(async () => {
    [production, development] = await Promise.all([startTestGateway({ NODE_ENV: 'production' }), startTestGateway({ NODE_ENV: 'development' })]);
  }, 60_000);
  afterAll(() => Promise.all([production?.close(), development?.close()]));

  const input = { caseNumber: 'typo', country: 'MY', documentType: 'NATIONAL_ID', faceSignatureId: 'pass' };
  const wrongNames: Array<[string, string, Record<string, unknown> | undefined]> = [
    ['a misspelled field', '{ identitie(first: 1) { totalCount } }', undefined],
    ['a misspelled argument', '{ identities(frist: 1) { totalCount } }', undefined],
    ['a misspelled type', 'query($id: Identty) { __typename }', undefined],
    [
      'a misspelled enum value in the query',
      'mutation { verifyIdentity(input: { caseNo: "x", country: MY, documentType: NATIONAL_IDD, faceSignatureId: "p" }) { id } }',
      undefined,
    ],
    ['a misspelled input field in variables', VERIFY, { input }],
  ];

  it.each(wrongNames)('production: %s is refused without naming what it resembles', async (_name, query, variables) => {
    const res = await production.gql(query, variables);
    expect(res.errors!.length).toBeGreaterThan(0);
    for (const error of res.errors!) {
      expect(error.message).not.toMatch(/did you mean/i);
      expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(error.extensions!.code);
    }
    // The names it would have suggested appear nowhere in the answer.
    const text = JSON.stringify(res);
    for (const suggested of ['"identities"', '"first"', '"Identity"', '"NATIONAL_ID"', '"caseNo"']) {
      if (!query.includes(suggested.slice(1, -1))) expect(text).not.toContain(suggested);
    }
  });

  it('development keeps the suggestions', async () => {
    const field = await development.gql('{ identitie(first: 1) { totalCount } }');
    expect(field.errors![0]!.message).toMatch(/Did you mean "identities"/);
    const variable = await development.gql(VERIFY, { input });
    expect(variable.errors!.map((e) => e.message).join('\n')).toMatch(/Did you mean "caseNo"\?/);
  });
});
