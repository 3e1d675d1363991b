import { auditServer, type AuditFail, type AuditResult } from 'graphql-http';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Audits that are known to fail on this gateway, and why. They are recommendations (SHOULD) or
 * options (MAY) of the GraphQL over HTTP spec, not requirements; the test prints them, it does not
 * fail on them. A failure missing from this list is printed as "not yet documented".
 */
const KNOWN: Readonly<Record<string, string>> = {
  // SHOULD: for the legacy `application/json` response type the spec recommends 200 even for
  // request errors, since old clients and proxies treat 4xx as transport failures. Apollo Server
  // answers every request error (parse, validation, variable coercion) with 400 whatever the
  // Accept header, which is what `application/graphql-response+json` requires; the body is still
  // a well-formed GraphQL response with `errors`.
  '572B': 'Apollo Server answers a document parse failure with 400 also for Accept: application/json',
  FDE2: 'Apollo Server answers a document validation failure with 400 also for Accept: application/json (the audit document actually fails parsing)',
  '7B9B': 'Apollo Server answers a variable coercion failure with 400 also for Accept: application/json (the audit document actually fails validation: unused variable)',
  // MAY: GET queries are supported, but Apollo Server's CSRF prevention (csrfPrevention: true in
  // src/main.ts) blocks any request that could be a browser "simple request", i.e. a GET without a
  // non-simple content-type and without an `apollo-require-preflight` or `x-apollo-operation-name`
  // header, with 400. The audit's GETs send neither; with the header they answer 200.
  '5A70': 'GET without a preflight header is blocked by CSRF prevention (400)',
  D6D5: 'GET without a preflight header is blocked by CSRF prevention (400)',
  '6A70': 'GET without a preflight header is blocked by CSRF prevention (400)',
};

/**
 * The GraphQL over HTTP spec audit of graphql-http (the spec's reference implementation), run against
 * a real gateway over loopback. graphql-http exports it as `auditServer` (every audit, run in turn;
 * `serverAudits` is the list behind it). Every MUST has to pass; SHOULD and MAY failures are printed.
 */
describe('GraphQL over HTTP (graphql-http server audit)', () => {
  let gw: TestGateway;
  let results: AuditResult[];

  beforeAll(async () => {
    gw = await startTestGateway();
    // Every request carries the test key: the audit is about the HTTP protocol, not authentication.
    const authenticated: typeof fetch = (input, init = {}) =>
      fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers as ConstructorParameters<typeof Headers>[0])), ...gw.authHeaders } });
    results = await auditServer({ url: `${gw.url}/graphql`, fetchFn: authenticated });
  });
  afterAll(() => gw?.close());

  const failed = (level: 'MUST' | 'SHOULD' | 'MAY') => results.filter((r): r is AuditFail => r.status !== 'ok' && r.name.startsWith(`${level} `));
  const line = (r: AuditFail) => `[${r.id}] ${r.name}: ${r.reason}`;

  it('ran the whole audit', () => {
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.name.startsWith('MUST ')).length).toBeGreaterThan(10);
  });

  it('passes every MUST', () => {
    const failures = failed('MUST').map(line);
    expect(failures, `MUST audits failing (${failures.length}):\n${failures.join('\n')}`).toEqual([]);
  });

  it('prints the SHOULD and MAY audits that fail, with why', () => {
    const explain = (r: AuditFail) => `  - ${line(r)}\n      why: ${KNOWN[r.id] ?? 'not yet documented'}`;
    const should = failed('SHOULD');
    const may = failed('MAY');
    console.log(
      [
        `graphql-http server audit: ${results.filter((r) => r.status === 'ok').length} of ${results.length} passed`,
        `SHOULD failures (${should.length}):`,
        ...should.map(explain),
        `MAY failures (${may.length}):`,
        ...may.map(explain),
      ].join('\n'),
    );
  });
});
