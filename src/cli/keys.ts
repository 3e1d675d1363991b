import { parseArgs } from 'node:util';
import { ApiKeyStore } from '../auth/api-key-store';
import type { RateLimit } from '../auth/rate-limiter';
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

const COMMANDS = ['create', 'list', 'revoke', 'enable'];

type KeysOptions = ReturnType<typeof parseKeysArgs>['values'];

function parseKeysArgs() {
  return parseArgs({
    allowPositionals: true,
    options: { scopes: { type: 'string' }, expires: { type: 'string' }, 'allow-expired': { type: 'boolean' }, 'per-minute': { type: 'string' }, burst: { type: 'string' } },
  });
}

async function main(): Promise<number> {
  const { positionals, values } = parseKeysArgs();
  const [command, name] = positionals;
  if (!command || !COMMANDS.includes(command)) return usage();
  let db;
  try {
    const config = loadConfig();
    db = await openDatabase(config.databaseUrl, config.dataDir);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError || error instanceof ConfigError)) throw error;
    console.error(`keys: ${error.message}`);
    return 2;
  }
  try {
    return await run(new ApiKeyStore(db), command, name, values);
  } catch (error) {
    console.error(`keys: ${(error as { code?: string }).code === '23505' ? `a key named ${name} already exists` : (error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

/** Runs one command; resolves with the exit code. */
async function run(keys: ApiKeyStore, command: string, name: string | undefined, values: KeysOptions): Promise<number> {
  if (command === 'list') return list(keys);
  if (!name) return usage();
  if (command === 'revoke') return revoke(keys, name);
  if (command === 'enable') return enable(keys, name);
  return create(keys, name, values);
}

async function list(keys: ApiKeyStore): Promise<number> {
  for (const k of await keys.list()) {
    const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : k.expiresAt && k.expiresAt <= new Date() ? 'expired' : 'active';
    console.log(`${k.name}\t${k.prefix}…\t${k.scopes.join(',')}\t${k.source}\t${state}${k.expiresAt ? `\texpires ${k.expiresAt.toISOString()}` : ''}`);
  }
  return 0;
}

async function revoke(keys: ApiKeyStore, name: string): Promise<number> {
  if (await keys.revoke(name)) {
    console.log(`revoked ${name} (replicas stop accepting it within 5 seconds)`);
    return 0;
  }
  console.error(`no active key named ${name}`);
  return 1;
}

async function enable(keys: ApiKeyStore, name: string): Promise<number> {
  const enabled = await keys.enable(name);
  if (enabled) {
    console.log(`enabled ${enabled} (replicas accept it again within AUTH_FAILURE_CACHE_MS, 60 s by default)`);
    return 0;
  }
  console.error(`no revoked key named ${name} or with that id`);
  return 1;
}

async function create(keys: ApiKeyStore, name: string, values: KeysOptions): Promise<number> {
  const options = createOptions(name, values);
  if (typeof options === 'string') {
    console.error(options);
    return 2;
  }
  const { key } = await keys.create({ name, ...options, source: 'cli' });
  console.log(`created ${name}; the key is shown once, store it now:\n${key}`);
  return 0;
}

/** The new key's scopes, expiry and rate limit, checked; a string is the line that refuses them. */
function createOptions(name: string, values: KeysOptions): { scopes: string[]; expiresAt: Date | null; rateLimit: RateLimit | null } | string {
  const scopes = (values.scopes ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => s !== ALL_SCOPES && !isScope(s))) return `--scopes must list known scopes or *\n${USAGE}`;
  const expiresAt = values.expires ? new Date(values.expires) : null;
  if (expiresAt && Number.isNaN(expiresAt.getTime())) return '--expires must be an ISO date';
  // A key that could never authenticate is a mistake unless asked for (a test of the refusal, say).
  if (expiresAt && expiresAt <= new Date()) {
    if (!values['allow-expired']) {
      return `--expires ${expiresAt.toISOString()} is in the past: the key would never work; nothing was created (add --allow-expired to create it anyway)`;
    }
    console.error(`warning: ${name} expired at ${expiresAt.toISOString()}; it will be refused`);
  }
  const perMinute = values['per-minute'] === undefined ? null : Number(values['per-minute']);
  const burst = values.burst === undefined ? null : Number(values.burst);
  const positive = (n: number | null) => n !== null && Number.isInteger(n) && n > 0;
  if ((perMinute !== null || burst !== null) && !(positive(perMinute) && positive(burst))) return '--per-minute and --burst go together, as positive integers';
  return { scopes, expiresAt, rateLimit: perMinute !== null && burst !== null ? { perMinute, burst } : null };
}

process.exitCode = await main();
