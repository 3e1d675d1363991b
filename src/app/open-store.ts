import { ApiKeyStore } from '../auth/api-key-store';
import { provisionKeys } from '../auth/provision-keys';
import type { GatewayConfig } from '../config/config';
import type { PolicyHolder } from '../decision/engine/policy-holder';
import type { Logger } from '../logging/logger';
import type { Database } from '../store/database';
import { IdentityStore } from '../store/identity-store';
import { openDatabase } from '../store/open-database';
import { PendingPolls } from '../store/pending-polls';
import { PolicyArchive } from '../store/policy-archive';
import type { DisposalStack } from './disposal-stack';

/** The gateway's store, over one database. */
export interface OpenedStore {
  readonly db: Database;
  readonly store: IdentityStore;
  readonly polls: PendingPolls;
  readonly policyArchive: PolicyArchive;
  readonly apiKeys: ApiKeyStore;
}

export interface OpenStoreOptions {
  /** A database the caller opened and closes (tests sharing one PGlite); otherwise the configured one is opened here. */
  db?: Database;
  /** Where the one-time development key line goes (never the log). */
  print: (line: string) => void;
}

/**
 * Opens the database (registered on `stack` at once, unless the caller owns it), puts the policy that
 * will decide on record, so its decisions can be explained after it changed, and provisions API_KEYS.
 */
export async function openStore(config: GatewayConfig, policies: PolicyHolder, options: OpenStoreOptions, logger: Logger, stack: DisposalStack): Promise<OpenedStore> {
  const db = options.db ?? stack.use('database', await openDatabase(config.databaseUrl, config.dataDir, config.databaseQueryTimeoutMs), (opened) => opened.close());
  logger.info({ database: db.kind }, db.kind === 'pglite' ? `embedded PostgreSQL (PGlite) ${config.databaseUrl ?? `under ${config.dataDir}`}` : 'PostgreSQL server');
  const policyArchive = new PolicyArchive(db);
  await policyArchive.record(policies.policy);
  const apiKeys = new ApiKeyStore(db);
  await provisionKeys(apiKeys, config.access, config.nodeEnv === 'production', logger, options.print);
  return { db, store: new IdentityStore(db), polls: new PendingPolls(db), policyArchive, apiKeys };
}
