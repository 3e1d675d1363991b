import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway } from '../../src/main';
import { GATEWAY_BACKENDS, IDENTITY, khInput, REFRESH, REVIEW, type GatewayDatabase } from '../support/e2e';
import { startTestGateway, VERIFY, type TestGateway } from '../support/gateway';

describe.each(GATEWAY_BACKENDS)('unknown ids and refused reviews ($name)', (backend) => {
  let database: GatewayDatabase;
  let gw: TestGateway;
  let known: { id: string; decisions: unknown[] };
  beforeAll(async () => {
    database = await backend.open();
    gw = await startTestGateway({ DATABASE_URL: database.url, PENDING_POLL_INTERVAL_MS: '3600000' });
    const res = await gw.gql(VERIFY, { input: khInput('not-found-known') });
    expect(res.errors).toBeUndefined();
    const read = await gw.gql(IDENTITY, { id: res.data!.verifyIdentity.id });
    known = read.data!.identity;
    expect(known.decisions).toHaveLength(1);
  });
  afterAll(async () => {
    await gw?.close();
    await database?.dispose();
  });

  it.each([
    ['an unknown uuid', randomUUID()],
    ['not a uuid', 'not-a-uuid'],
    ['an empty id', ''],
    ['a uuid-shaped SQL injection', "00000000-0000-0000-0000-000000000000' OR '1'='1"],
  ])('identity(id: %s) is null, not an error', async (_name, id) => {
    const res = await gw.gql(IDENTITY, { id });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ identity: null });
  });

  it.each([
    ['an unknown uuid', randomUUID()],
    ['not a uuid', 'not-a-uuid'],
  ])('refreshIdentity of %s is NOT_FOUND', async (_name, id) => {
    const before = gw.vendorRequests();
    const res = await gw.gql(REFRESH, { id });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(res.errors![0]!.path).toEqual(['refreshIdentity']);
    expect(gw.vendorRequests()).toBe(before);
  });

  it.each([
    ['an unknown uuid', randomUUID()],
    ['not a uuid', 'not-a-uuid'],
  ])('reviewIdentity of %s is NOT_FOUND, and writes nothing', async (_name, id) => {
    const before = await gw.db.query<{ n: string }>('SELECT count(*)::text AS n FROM decisions');
    const res = await gw.gql(REVIEW, { id, outcome: 'APPROVE', note: 'looks fine' });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND' });
    const after = await gw.db.query<{ n: string }>('SELECT count(*)::text AS n FROM decisions');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it.each([
    ['outcome PENDING', { outcome: 'PENDING', note: 'not sure yet' }, 'outcome'],
    ['an empty note', { outcome: 'REJECT', note: '' }, 'note'],
    ['a blank note', { outcome: 'REJECT', note: '   \n\t ' }, 'note'],
    ['a note over 2000 characters', { outcome: 'REJECT', note: 'x'.repeat(2_001) }, 'note'],
    ['a NUL character in the note', { outcome: 'APPROVE', note: 'a\u0000b' }, 'note'],
    ['an unpaired surrogate in the note', { outcome: 'APPROVE', note: 'a\ud800b' }, 'note'],
  ])('reviewIdentity with %s is BAD_USER_INPUT naming the field; the case is unchanged', async (_name, args, field) => {
    const res = await gw.gql(REVIEW, { id: (known as any).id, ...args });
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    const read = await gw.gql(IDENTITY, { id: (known as any).id });
    expect(read.data!.identity).toEqual(known);
  });

  it('reviewIdentity of an unknown id with bad input: the input is checked first', async () => {
    const res = await gw.gql(REVIEW, { id: randomUUID(), outcome: 'PENDING', note: 'x' });
    expect(res.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'outcome' });
  });

  it('an outcome that is not in the enum is refused by the schema, naming the variable and the enum, not the value', async () => {
    const res = await gw.gql(REVIEW, { id: (known as any).id, outcome: 'MAYBE', note: 'x' });
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toBe('Variable "$outcome" got an invalid value; Expected type "Outcome".');
  });
});

describe('a database that cannot be reached at start-up', () => {
  it('startGateway rejects naming DATABASE_URL, with the password masked', async () => {
    const config = loadConfig({ PORT: '0', NODE_ENV: 'test', DATABASE_URL: 'postgres://postgres:s3cret@127.0.0.1:1/nope' });
    const started = Date.now();
    const error: Error = await startGateway(config, { logger: createLogger({ level: 'silent' }) }).then(
      (gateway) => {
        void gateway.close();
        throw new Error('the gateway started without its database');
      },
      (e: Error) => e,
    );
    expect(error.message.startsWith('DATABASE_URL')).toBe(true);
    expect(error.message).not.toContain('s3cret');
    expect(error.message).toContain('127.0.0.1:1');
    expect(String(error.stack)).not.toContain('s3cret');
    expect(JSON.stringify(error)).not.toContain('s3cret');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a password with URL-escaped characters is masked too', async () => {
    const config = loadConfig({ PORT: '0', NODE_ENV: 'test', DATABASE_URL: 'postgresql://app:p%40ss%2Fw0rd@127.0.0.1:1/nope?sslmode=disable' });
    const error: Error = await startGateway(config, { logger: createLogger({ level: 'silent' }) }).then(
      async (gateway) => {
        await gateway.close();
        throw new Error('the gateway started without its database');
      },
      (e: Error) => e,
    );
    expect(error.message.startsWith('DATABASE_URL')).toBe(true);
    for (const secret of ['p%40ss%2Fw0rd', 'p@ss/w0rd', 'w0rd']) expect(error.message).not.toContain(secret);
  });
});
