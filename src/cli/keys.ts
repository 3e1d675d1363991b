import { parseArgs } from 'node:util';
import { ApiKeyStore } from '../auth/api-key-store';
import { ALL_SCOPES, isScope, SCOPES } from '../auth/scopes';
import { loadConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import { DatabaseUnavailableError } from '../store/database';
import { openDatabase } from '../store/open-database';

/**
 * `npm run keys -- create <name> --scopes identity:verify,identity:read [--expires 2027-01-01]`,
 * `npm run keys -- list`, `npm run keys -- revoke <name>`, `npm run keys -- enable <name|id>`. A revoked
 * key stays revoked (API_KEYS at start-up does not bring it back) until `enable` lifts it. Uses the gateway's database (DATABASE_URL,
 * DATA_DIR). A created key is printed once; only its hash is stored.
 */
const USAGE = `usage:
  npm run keys -- create <name> --scopes <scope,...|*> [--expires <ISO date> [--allow-expired]] [--per-minute N --burst N]
  npm run keys -- list
  npm run keys -- revoke <name>
  npm run keys -- enable <name|id>    lift a revocation (a revoked key stays revoked, even when API_KEYS provisions it again)
scopes: ${SCOPES.join(', ')}, or * for all`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { scopes: { type: 'string' }, expires: { type: 'string' }, 'allow-expired': { type: 'boolean' }, 'per-minute': { type: 'string' }, burst: { type: 'string' } },
  });
  const [command, name] = positionals;
  if (!command || !['create', 'list', 'revoke', 'enable'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  let db;
  try {
    const config = loadConfig();
    db = await openDatabase(config.databaseUrl, config.dataDir);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError || error instanceof ConfigError)) throw error;
    console.error(`keys: ${error.message}`);
    return 2;
  }
  const keys = new ApiKeyStore(db);
  try {
    if (command === 'list') {
      for (const k of await keys.list()) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : k.expiresAt && k.expiresAt <= new Date() ? 'expired' : 'active';
        console.log(`${k.name}\t${k.prefix}…\t${k.scopes.join(',')}\t${k.source}\t${state}${k.expiresAt ? `\texpires ${k.expiresAt.toISOString()}` : ''}`);
      }
      return 0;
    }
    if (!name) {
      console.error(USAGE);
      return 2;
    }
    if (command === 'revoke') {
      if (await keys.revoke(name)) {
        console.log(`revoked ${name} (replicas stop accepting it within 5 seconds)`);
        return 0;
      }
      console.error(`no active key named ${name}`);
      return 1;
    }
    if (command === 'enable') {
      const enabled = await keys.enable(name);
      if (enabled) {
        console.log(`enabled ${enabled} (replicas accept it again within AUTH_FAILURE_CACHE_MS, 60 s by default)`);
        return 0;
      }
      console.error(`no revoked key named ${name} or with that id`);
      return 1;
    }
    const scopes = (values.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => s !== ALL_SCOPES && !isScope(s))) {
      console.error(`--scopes must list known scopes or *\n${USAGE}`);
      return 2;
    }
    const expiresAt = values.expires ? new Date(values.expires) : null;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) {
      console.error('--expires must be an ISO date');
      return 2;
    }
    // A key that could never authenticate is a mistake unless asked for (a test of the refusal, say).
    if (expiresAt && expiresAt <= new Date()) {
      if (!values['allow-expired']) {
        console.error(`--expires ${expiresAt.toISOString()} is in the past: the key would never work; nothing was created (add --allow-expired to create it anyway)`);
        return 2;
      }
      console.error(`warning: ${name} expired at ${expiresAt.toISOString()}; it will be refused`);
    }
    const perMinute = values['per-minute'] === undefined ? null : Number(values['per-minute']);
    const burst = values.burst === undefined ? null : Number(values.burst);
    const positive = (n: number | null) => n !== null && Number.isInteger(n) && n > 0;
    if ((perMinute !== null || burst !== null) && !(positive(perMinute) && positive(burst))) {
      console.error('--per-minute and --burst go together, as positive integers');
      return 2;
    }
    const rateLimit = perMinute !== null && burst !== null ? { perMinute, burst } : null;
    const { key } = await keys.create({ name, scopes, expiresAt, rateLimit, source: 'cli' });
    console.log(`created ${name}; the key is shown once, store it now:\n${key}`);
    return 0;
  } catch (error) {
    console.error(`keys: ${(error as { code?: string }).code === '23505' ? `a key named ${name} already exists` : (error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
