import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';
import { positiveIntVar } from './env-readers';

/** How long the HTTP server waits on a client, and how many it serves at once. */
export interface HttpServerConfig {
  /** A request's headers must all arrive within this long (HTTP_HEADERS_TIMEOUT_MS), else 408 and close. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Open connections at most (HTTP_MAX_CONNECTIONS); one more is closed as soon as it is accepted. */
  maxConnections: number;
}

/**
 * The process's soft limit on open files (Linux), or null where it cannot be read. Every connection
 * holds one, and so do vendor sockets, the database and the log.
 */
export function openFileLimit(limitsFile = '/proc/self/limits'): number | null {
  try {
    const line = readFileSync(limitsFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line ? Number(line.slice('Max open files'.length).trim().split(/\s+/)[0]) : NaN;
    return Number.isSafeInteger(soft) && soft > 0 ? soft : null;
  } catch {
    return null;
  }
}

/** 1000 connections, or half the open-file limit when that is lower: the other half is for everything else. */
export function defaultMaxConnections(fileLimit: number | null): number {
  return fileLimit === null ? 1_000 : Math.max(1, Math.min(1_000, Math.floor(fileLimit / 2)));
}

export function readHttpServerConfig(env: NodeJS.ProcessEnv, fileLimit = openFileLimit()): HttpServerConfig {
  const maxConnections = positiveIntVar(env, 'HTTP_MAX_CONNECTIONS', defaultMaxConnections(fileLimit));
  if (fileLimit !== null && maxConnections >= fileLimit) {
    throw new ConfigError('HTTP_MAX_CONNECTIONS', `must be below the open-file limit (${fileLimit}, ulimit -n)`);
  }
  return {
    headersTimeoutMs: positiveIntVar(env, 'HTTP_HEADERS_TIMEOUT_MS', 5_000),
    keepAliveTimeoutMs: positiveIntVar(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000),
    maxConnections,
  };
}
