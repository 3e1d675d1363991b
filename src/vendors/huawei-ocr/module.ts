import { ConfigError } from '../../config/config-error';
import { httpUrlVar, optionalVar, requireVar } from '../../config/env-readers';
import type { CommonVendorConfig, VendorModule } from '../vendor';
import { HuaweiOcrAdapter } from './client';
import type { HuaweiIamCredentials } from './iam-token';
import { HUAWEI_ERROR_CODES } from './error-codes';

/** How the adapter authenticates: a fixed token, or IAM password credentials it fetches tokens with. */
export type HuaweiAuthConfig = { kind: 'token'; token: string } | ({ kind: 'iam' } & HuaweiIamCredentials);

export interface HuaweiOcrConfig extends CommonVendorConfig {
  projectId: string;
  auth: HuaweiAuthConfig;
}

const BASE_URL = 'HUAWEI_OCR_BASE_URL';
const PROJECT_ID = 'HUAWEI_PROJECT_ID';
const AUTH_TOKEN = 'HUAWEI_AUTH_TOKEN';
const IAM_URL = 'HUAWEI_IAM_URL';
/** The IAM set, in the order a missing one is reported. HUAWEI_IAM_URL defaults from the region. */
const IAM_REQUIRED = ['HUAWEI_USERNAME', 'HUAWEI_PASSWORD', 'HUAWEI_DOMAIN', 'HUAWEI_REGION'] as const;

/** The public IAM endpoint of a region. */
function defaultIamUrl(region: string): string {
  return `https://iam.${region}.myhuaweicloud.com`;
}

/**
 * A fixed HUAWEI_AUTH_TOKEN wins; otherwise the IAM set is required as soon as any of it is given.
 * With neither, the error names HUAWEI_AUTH_TOKEN (the simpler of the two ways).
 */
function readAuth(env: NodeJS.ProcessEnv): HuaweiAuthConfig {
  const token = optionalVar(env, AUTH_TOKEN);
  if (token !== null) return { kind: 'token', token };
  const anyIam = [IAM_URL, ...IAM_REQUIRED].some((name) => optionalVar(env, name) !== null);
  if (!anyIam) {
    throw new ConfigError(AUTH_TOKEN, `is required when ${BASE_URL} is set, unless ${IAM_URL}/HUAWEI_USERNAME/HUAWEI_PASSWORD/HUAWEI_DOMAIN/HUAWEI_REGION are given`);
  }
  const because = `to fetch IAM tokens when ${BASE_URL} is set and ${AUTH_TOKEN} is not`;
  const [username, password, domain, region] = IAM_REQUIRED.map((name) => requireVar(env, name, because)) as [string, string, string, string];
  const iamUrl = httpUrlVar(env, IAM_URL) ?? defaultIamUrl(region);
  return { kind: 'iam', iamUrl, username, password, domain, region };
}

/** Huawei Cloud OCR, Cambodian ID card: text fields with confidences, MRZ lines, original-vs-copy. */
export const huaweiOcrModule: VendorModule<HuaweiOcrConfig, 'HUAWEI_OCR'> = {
  vendor: 'HUAWEI_OCR',
  slug: 'huawei',
  baseUrlVariable: BASE_URL,
  variables: [PROJECT_ID, AUTH_TOKEN, IAM_URL, ...IAM_REQUIRED],
  documentedCodes: HUAWEI_ERROR_CODES,
  codes: {
    // Platform and gateway faults from Huawei's error code table (forwarding, backend timeout/unavailable/error).
    transient: ['ModelArts.4301', 'ModelArts.4302', 'ModelArts.4402', 'ModelArts.4403', 'ModelArts.4502', 'ModelArts.4505', 'APIG.0201'],
    // Concurrency limit and API gateway rate limit.
    throttled: ['ModelArts.4401', 'APIG.0308'],
    quota: [],
    transientOn5xx: [],
  },

  readConfig(env, timeoutMs) {
    const baseUrl = httpUrlVar(env, BASE_URL);
    if (baseUrl === null) return null;
    const projectId = requireVar(env, PROJECT_ID, `when ${BASE_URL} is set`);
    return { baseUrl, timeoutMs, projectId, auth: readAuth(env) };
  },
  createAdapter: (config) => new HuaweiOcrAdapter(config),
  loadSimulator: async () => (await import('../../simulators/huawei-ocr/simulator-module')).huaweiOcrSimulator,
};
