import { createHash, randomBytes } from 'node:crypto';

/** Keys are 32 random bytes: a plain SHA-256 is enough to store them (no dictionary to attack). */
export function generateApiKey(): string {
  return `ekyc_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The first characters of a key, safe to show in listings so a person can tell keys apart. */
export function keyPrefix(key: string): string {
  return key.slice(0, 9);
}
