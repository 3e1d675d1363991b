import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error';
import { defaultMaxConnections, openFileLimit, readHttpServerConfig } from '../../src/config/http-server-config';
import { loadConfig } from '../../src/config/config';

describe('HTTP server settings', () => {
  it('defaults: 5 s for headers and for an idle keep-alive connection, and a connection cap below the open-file limit', () => {
    expect(readHttpServerConfig({}, null)).toEqual({ headersTimeoutMs: 5_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 });
    expect(readHttpServerConfig({}, 1_024).maxConnections).toBe(512);
    expect(readHttpServerConfig({}, 1_048_576).maxConnections).toBe(1_000);
    expect(defaultMaxConnections(1)).toBe(1);
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '7000', HTTP_MAX_CONNECTIONS: '40' }).http).toEqual({
      headersTimeoutMs: 2_000,
      keepAliveTimeoutMs: 7_000,
      maxConnections: 40,
    });
  });

  it('refuses a cap the open-file limit cannot hold, and values that are not positive integers', () => {
    expect(() => readHttpServerConfig({ HTTP_MAX_CONNECTIONS: '1024' }, 1_024)).toThrow(ConfigError);
    expect(() => readHttpServerConfig({ HTTP_MAX_CONNECTIONS: '1024' }, 1_024)).toThrow(/HTTP_MAX_CONNECTIONS: must be below the open-file limit \(1024/);
    expect(() => readHttpServerConfig({ HTTP_HEADERS_TIMEOUT_MS: '0' }, null)).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
    expect(() => readHttpServerConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'soon' }, null)).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS/);
  });

  it('reads the soft open-file limit from a Linux limits file, and null where there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limits-'));
    const file = join(dir, 'limits');
    writeFileSync(file, 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 1048576              files\n');
    expect(openFileLimit(file)).toBe(1_024);
    writeFileSync(file, 'Max open files            unlimited            unlimited            files\n');
    expect(openFileLimit(file)).toBeNull();
    expect(openFileLimit(join(dir, 'absent'))).toBeNull();
  });
});
