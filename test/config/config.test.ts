import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { ConfigError } from '../../src/config/config-error';

describe('configuration (CONTRACTS.md section 1)', () => {
  it('has the documented defaults and serves every vendor by its simulator when no base URL is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, host: '127.0.0.1', rulesDir: 'rules', databaseUrl: null, dataDir: '.data', nodeEnv: 'development', vendorTimeoutMs: 10_000 });
    for (const setting of Object.values(c.vendors)) expect(setting).toEqual({ config: null, timeoutMs: 10_000 });
  });

  it('applies VENDOR_TIMEOUT_MS and the per-vendor overrides', () => {
    const c = loadConfig({ VENDOR_TIMEOUT_MS: '3000', HUAWEI_OCR_TIMEOUT_MS: '1500', ADVANCE_TIMEOUT_MS: '9000' });
    expect(c.vendors.HUAWEI_OCR.timeoutMs).toBe(1500);
    expect(c.vendors.ADVANCE_AI.timeoutMs).toBe(9000);
    expect(c.vendors.VERIHUBS.timeoutMs).toBe(3000);
  });

  it('builds a vendor adapter configuration when its base URL and credentials are set', () => {
    const c = loadConfig({ VERIHUBS_BASE_URL: 'https://api.verihubs.com/', VERIHUBS_APP_ID: 'app', VERIHUBS_API_KEY: 'k' });
    expect(c.vendors.VERIHUBS.config).toMatchObject({ baseUrl: 'https://api.verihubs.com' });
  });

  const bad: Array<[Record<string, string>, string]> = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ VENDOR_TIMEOUT_MS: '-5' }, 'VENDOR_TIMEOUT_MS'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ INNOV8TIF_BASE_URL: 'ftp://okaydoc.example' }, 'INNOV8TIF_BASE_URL'],
    [{ INNOV8TIF_BASE_URL: 'https://okaydoc.example' }, 'INNOV8TIF_API_KEY'],
    [{ ADVANCE_BASE_URL: 'https://api.advance.ai', ADVANCE_ACCESS_KEY: 'a' }, 'ADVANCE_SECRET_KEY'],
    [{ COMPUTERVISION_VN_BASE_URL: 'https://cloud.computervision.com.vn', COMPUTERVISION_VN_API_KEY: 'k' }, 'COMPUTERVISION_VN_API_SECRET'],
    [{ VERIHUBS_BASE_URL: 'https://api.verihubs.com', VERIHUBS_API_KEY: 'k' }, 'VERIHUBS_APP_ID'],
    [{ HUAWEI_OCR_BASE_URL: 'https://ocr.ap-southeast-3.myhuaweicloud.com', HUAWEI_AUTH_TOKEN: 't' }, 'HUAWEI_PROJECT_ID'],
  ];
  it.each(bad)('%j stops the start naming %s, never echoing a value', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message.startsWith(`${variable}:`)).toBe(true);
    for (const value of Object.values(env)) if (value.length > 3) expect((error as Error).message).not.toContain(value);
  });
});
