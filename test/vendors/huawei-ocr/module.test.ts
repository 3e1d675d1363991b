import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error';
import { HUAWEI_SIM_PROJECT_ID } from '../../../src/simulators/huawei-ocr/credentials';
import { huaweiOcrModule } from '../../../src/vendors/huawei-ocr/module';
import { base64Image, context, request } from './helpers';
import { huaweiOcrSimulator } from '../../../src/simulators/huawei-ocr/simulator-module';

describe('huaweiOcrModule.readConfig', () => {
  const base = { HUAWEI_OCR_BASE_URL: 'https://ocr.ap-southeast-1.myhuaweicloud.com', HUAWEI_PROJECT_ID: 'p123' };

  function configError(env: NodeJS.ProcessEnv): ConfigError {
    try {
      huaweiOcrModule.readConfig(env, 1000);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  it('returns null without a base URL', () => {
    expect(huaweiOcrModule.readConfig({ HUAWEI_AUTH_TOKEN: 't' }, 1000)).toBeNull();
  });

  it('requires the project id', () => {
    expect(configError({ HUAWEI_OCR_BASE_URL: base.HUAWEI_OCR_BASE_URL, HUAWEI_AUTH_TOKEN: 'tok' }).variable).toBe('HUAWEI_PROJECT_ID');
  });

  it('requires a token or the IAM set', () => {
    const error = configError(base);
    expect(error.variable).toBe('HUAWEI_AUTH_TOKEN');
    expect(error.message).toMatch(/^HUAWEI_AUTH_TOKEN/);
  });

  it('names the first missing IAM variable, never a value', () => {
    expect(configError({ ...base, HUAWEI_REGION: 'ap-southeast-3' }).variable).toBe('HUAWEI_USERNAME');
    const error = configError({ ...base, HUAWEI_USERNAME: 'u', HUAWEI_PASSWORD: 's3cret-value', HUAWEI_REGION: 'ap-southeast-3' });
    expect(error.variable).toBe('HUAWEI_DOMAIN');
    expect(error.message).not.toContain('s3cret-value');
    expect(configError({ ...base, HUAWEI_USERNAME: 'u', HUAWEI_PASSWORD: 'p', HUAWEI_DOMAIN: 'd' }).variable).toBe('HUAWEI_REGION');
    expect(configError({ ...base, HUAWEI_IAM_URL: 'ftp://iam', HUAWEI_USERNAME: 'u', HUAWEI_PASSWORD: 'p', HUAWEI_DOMAIN: 'd', HUAWEI_REGION: 'r' }).variable).toBe(
      'HUAWEI_IAM_URL',
    );
  });

  it('a fixed token', () => {
    expect(huaweiOcrModule.readConfig({ ...base, HUAWEI_AUTH_TOKEN: 'tok' }, 1000)).toEqual({
      baseUrl: base.HUAWEI_OCR_BASE_URL,
      timeoutMs: 1000,
      projectId: 'p123',
      auth: { kind: 'token', token: 'tok' },
    });
  });

  it('the IAM set, with the IAM URL defaulting from the region', () => {
    const config = huaweiOcrModule.readConfig({ ...base, HUAWEI_USERNAME: 'u', HUAWEI_PASSWORD: 'p', HUAWEI_DOMAIN: 'd', HUAWEI_REGION: 'ap-southeast-3' }, 1000);
    expect(config?.auth).toEqual({ kind: 'iam', iamUrl: 'https://iam.ap-southeast-3.myhuaweicloud.com', username: 'u', password: 'p', domain: 'd', region: 'ap-southeast-3' });
    const explicit = huaweiOcrModule.readConfig(
      { ...base, HUAWEI_IAM_URL: 'http://127.0.0.1:9/', HUAWEI_USERNAME: 'u', HUAWEI_PASSWORD: 'p', HUAWEI_DOMAIN: 'd', HUAWEI_REGION: 'r' },
      1000,
    );
    expect(explicit?.auth).toMatchObject({ kind: 'iam', iamUrl: 'http://127.0.0.1:9' });
  });

  it('the module starts its simulator and talks to it with simulatorConfig', async () => {
    const running = await huaweiOcrSimulator.start({ port: 0 });
    const client = huaweiOcrModule.createAdapter(huaweiOcrSimulator.adapterConfig(running.url, 5000));
    try {
      expect(running.vendor).toBe('HUAWEI_OCR');
      expect(huaweiOcrSimulator.adapterConfig(running.url, 5000).projectId).toBe(HUAWEI_SIM_PROJECT_ID);
      expect((await client.call(request(base64Image('pass')), context)).result.status).toBe('OK');
    } finally {
      await client.close();
      await running.close();
    }
  });
});
