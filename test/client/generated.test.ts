import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  DocumentType,
  IdentitiesDocument,
  IdentityDocument,
  Outcome,
  RefreshIdentityDocument,
  ReviewIdentityDocument,
  Vendor,
  VendorStatus,
  VerifyIdentityDocument,
  type IdentitiesQuery,
  type IdentityQuery,
  type VerifyIdentityMutation,
  type VerifyIdentityMutationVariables,
} from '../../src/client';
import { image, startTestGateway, TEST_ADMIN_KEY, type TestGateway } from '../support/gateway';

const root = join(__dirname, '../..');
const generatedDir = join(root, 'src/client/generated');

/** The committed client must be exactly what `npm run codegen` produces from the committed inputs. */
describe('generated GraphQL client (src/client/generated)', () => {
  let outputs: Array<{ filename: string; content: string }>;

  beforeAll(async () => {
    // The same codegen.yml the npm script uses, run in memory (nothing is written).
    const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
    // Hooks (a formatter, say) would change what is written after generation; there are none, so
    // what `generate` returns is byte for byte what `npm run codegen` writes.
    expect(config.hooks, 'codegen.yml must not declare hooks').toBeUndefined();
    outputs = await generate({ ...config, cwd: root, silent: true }, false);
  });

  it('is current: run `npm run codegen` and commit the result when this fails', () => {
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      const path = join(root, filename);
      let committed: string | undefined;
      try {
        committed = readFileSync(path, 'utf8');
      } catch {
        // reported below
      }
      expect(committed, `${filename} is missing`).toBeDefined();
      // Byte for byte; toBe on strings this long prints a readable diff when they differ.
      expect(committed, `${filename} is stale`).toBe(content);
    }
  });

  it('has no leftover file that codegen no longer generates', () => {
    const generated = outputs.map((o) => relative(generatedDir, join(root, o.filename))).sort();
    expect(readdirSync(generatedDir).sort()).toEqual(generated);
  });

  it('is reproducible: a second run gives the same bytes', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
    const again = await generate({ ...config, cwd: root, silent: true }, false);
    expect(again.map((o: { filename: string; content: string }) => [o.filename, o.content])).toEqual(outputs.map((o) => [o.filename, o.content]));
  });
});

/** Sends a typed document as a plain GraphQL-over-HTTP POST; the result is typed by the document. */
async function execute<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<{ status: number; data?: TResult | null; errors?: Array<{ message: string }> }> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await res.body.json()) as { data?: TResult | null; errors?: Array<{ message: string }> };
  return { status: res.statusCode, ...body };
}

describe('generated typed documents against a running gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw?.close());

  it('VerifyIdentityDocument verifies and returns a typed Identity; IdentityDocument reads it back', async () => {
    const variables: VerifyIdentityMutationVariables = {
      input: {
        caseNo: 'codegen-typed-client',
        country: 'KH',
        documentType: DocumentType.NATIONAL_ID,
        documentFront: image('pass'),
        documentBack: image('pass'),
        faceSignatureId: 'pass',
      },
    };
    const verified = await execute(`${gw.url}/graphql`, VerifyIdentityDocument, variables);
    expect(verified.errors).toBeUndefined();
    expect(verified.status).toBe(200);

    const identity = verified.data!.verifyIdentity;
    // The result is typed from the operation: enums are the generated unions, nullables are `| null`.
    expectTypeOf(identity).toEqualTypeOf<VerifyIdentityMutation['verifyIdentity']>();
    expectTypeOf(identity.decision.outcome).toEqualTypeOf<Outcome>();
    expectTypeOf(identity.vendorResults[0]!.status).toEqualTypeOf<VendorStatus>();
    expectTypeOf(identity.document.idNumber).toEqualTypeOf<{
      name: string;
      value: string | null;
      raw: string | null;
      confidence: number | null;
      vendor: Vendor;
    } | null>();
    expectTypeOf(identity.createdAt).toEqualTypeOf<string>();

    expect(identity.caseNo).toBe('codegen-typed-client');
    expect(identity.documentType).toBe(DocumentType.NATIONAL_ID);
    expect(identity.vendorResults.map((r) => [r.vendor, r.status])).toEqual([
      [Vendor.HUAWEI_OCR, VendorStatus.OK],
      [Vendor.INNOV8TIF, VendorStatus.OK],
      [Vendor.ADVANCE_AI, VendorStatus.OK],
    ]);
    expect(identity.decision.outcome).toBe(Outcome.APPROVE);
    expect(identity.decisions.map((d) => d.outcome)).toEqual([Outcome.APPROVE]);
    expect(identity.document.idNumber?.value).toEqual(expect.any(String));
    expect(identity.document.fields.length).toBeGreaterThan(0);
    expect(new Date(identity.createdAt).toISOString()).toBe(identity.createdAt);

    const read = await execute(`${gw.url}/graphql`, IdentityDocument, { id: identity.id });
    expect(read.errors).toBeUndefined();
    expectTypeOf(read.data).toEqualTypeOf<IdentityQuery | null | undefined>();
    expect(read.data!.identity).toEqual(identity);

    const missing = await execute(`${gw.url}/graphql`, IdentityDocument, { id: 'no-such-case' });
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.identity).toBeNull();
  });

  it('RefreshIdentityDocument, ReviewIdentityDocument and IdentitiesDocument run as docs/api.md describes them', async () => {
    const url = `${gw.url}/graphql`;
    const verified = await execute(url, VerifyIdentityDocument, {
      input: {
        caseNo: 'codegen-review-queue',
        country: 'KH',
        documentType: DocumentType.NATIONAL_ID,
        documentFront: image('pass'),
        documentBack: image('pass'),
        faceSignatureId: 'pending',
      },
    });
    expect(verified.errors).toBeUndefined();
    const { id } = verified.data!.verifyIdentity;
    expect(verified.data!.verifyIdentity.decision.outcome).toBe(Outcome.PENDING);

    // ADVANCE.AI still processes: the refresh asks it again and the case stays as it was.
    const refreshed = await execute(url, RefreshIdentityDocument, { id });
    expect(refreshed.errors).toBeUndefined();
    const r = refreshed.data!.refreshIdentity;
    expect(r.id).toBe(id);
    expect(r.vendorResults.find((v) => v.vendor === Vendor.ADVANCE_AI)?.status).toBe(VendorStatus.PENDING);
    expect(r.decisions.map((d) => d.outcome)).toEqual([Outcome.PENDING]);

    const reviewed = await execute(url, ReviewIdentityDocument, { id, outcome: Outcome.REJECT, note: 'documents checked by hand' });
    expect(reviewed.errors).toBeUndefined();
    const d = reviewed.data!.reviewIdentity.decision;
    expect(d.outcome).toBe(Outcome.REJECT);
    expect(d.reasons.map((reason) => reason.code)).toEqual(['MANUAL_REVIEW']);
    expect(d.note).toBe('documents checked by hand');
    expect(reviewed.data!.reviewIdentity.decisions.map((x) => x.outcome)).toEqual([Outcome.PENDING, Outcome.REJECT]);

    const page = await execute(url, IdentitiesDocument, { first: 100, filter: { outcome: Outcome.REJECT, caseNo: 'codegen-review-queue' } });
    expect(page.errors).toBeUndefined();
    expectTypeOf(page.data).toEqualTypeOf<IdentitiesQuery | null | undefined>();
    const listing = page.data!.identities;
    expect(listing.totalCount).toBe(1);
    expect(listing.pageInfo.hasNextPage).toBe(false);
    expect(listing.edges.map((e) => [e.node.id, e.node.decision.outcome])).toEqual([[id, Outcome.REJECT]]);
    expect(listing.pageInfo.endCursor).toBe(listing.edges[0]!.cursor);
  });
});
