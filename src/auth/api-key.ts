import { createHash, randomBytes } from 'node:crypto';

/** Keys are 32 random bytes: a plain SHA-256 is enough to store them (no dictionary to attack). */
export function generateApiKey(): string {
  return `ekyc_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * What listings show of a key so a person can tell keys apart: the first characters of a generated
 * key (its `ekyc_` marker and 4 of 43 random characters); nothing of a configured key, which may be short.
 */
export function keyPrefix(key: string): string {
  return key.startsWith('ekyc_') && key.length >= 40 ? key.slice(0, 9) : '(configured)';
}
