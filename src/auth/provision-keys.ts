import type { AccessConfig } from '../config/access-config';
import type { Logger } from '../logging/logger';
import type { ApiKeyStore } from './api-key-store';
import { ALL_SCOPES } from './scopes';

export class NoApiKeysError extends Error {
  override readonly name = 'NoApiKeysError';
}

/**
 * At start-up: store the keys from API_KEYS (hashed; a revoked one stays revoked, with a warning); on a development start with no usable key,
 * create a development key with every scope and print it once; in production refuse to start
 * without at least one key.
 */
export async function provisionKeys(keys: ApiKeyStore, access: AccessConfig, production: boolean, logger: Logger, print: (line: string) => void): Promise<void> {
  for (const k of access.apiKeys) {
    const stored = await keys.provision(k);
    // A revocation outlives redeploys with the same API_KEYS: said once per start, never with the key.
    if (stored.revokedAt) {
      logger.warn(
        { keyName: k.name, keyId: stored.id, revokedAt: stored.revokedAt.toISOString() },
        `API key ${k.name} (${stored.id}) from API_KEYS is revoked and stays refused; re-enable it with: npm run keys -- enable ${k.name}`,
      );
    }
  }
  if (access.apiKeys.length > 0) logger.info({ keys: access.apiKeys.map((k) => k.name) }, 'API keys provisioned from API_KEYS');
  if ((await keys.countUsable()) > 0) return;
  if (production) throw new NoApiKeysError('API_KEYS: no API key is configured or stored; production needs at least one (npm run keys -- create)');
  const name = `development-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`;
  const { key } = await keys.create({ name, scopes: [ALL_SCOPES], source: 'development' });
  print(`Development API key (for local use only, all scopes; shown once): ${key}`);
  print(`  send it as: -H "authorization: Bearer ${key}"`);
}
