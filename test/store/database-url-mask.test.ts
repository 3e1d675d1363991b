import { describe, expect, it } from 'vitest';
import { maskDatabaseUrl } from '../../src/store/database';
import { PostgresDatabase } from '../../src/store/postgres-database';

describe('a DATABASE_URL in an error line or a log never shows its password', () => {
  it.each([
    ['postgres://app:Secret1@db.internal:5432/kyc', 'postgres://app:****@db.internal:5432/kyc'],
    ['postgres://app@db.internal/kyc?password=Secret2&sslmode=require', 'postgres://app@db.internal/kyc?password=****&sslmode=require'],
    ['postgres://app@db.internal/kyc?sslpassword=Secret3', 'postgres://app@db.internal/kyc?sslpassword=****'],
  ])('%s', (url, masked) => {
    expect(maskDatabaseUrl(url)).toBe(masked);
  });

  it('the start-up error for an unreachable server, with the password given as a query parameter', async () => {
    const error = await PostgresDatabase.open('postgres://postgres@127.0.0.1:1/test?password=QuerySecretPW').catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^DATABASE_URL: cannot connect to postgres:\/\/postgres@127\.0\.0\.1:1\/test\?password=\*\*\*\* \(/);
    expect((error as Error).message).not.toContain('QuerySecretPW');
  });
});
