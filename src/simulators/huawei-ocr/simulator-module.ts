import type { HuaweiOcrConfig } from '../../vendors/huawei-ocr/module';
import type { SimulatorModule } from '../simulator';
import { HUAWEI_SIM_DOMAIN, HUAWEI_SIM_FIXED_TOKEN, HUAWEI_SIM_PASSWORD, HUAWEI_SIM_PROJECT_ID, HUAWEI_SIM_REGION, HUAWEI_SIM_USERNAME } from './credentials';
import { startHuaweiOcrSimulator } from './server';

export const huaweiOcrSimulator: SimulatorModule<HuaweiOcrConfig> = {
  vendor: 'HUAWEI_OCR',
  start: (options) => startHuaweiOcrSimulator(options),
  adapterConfig(baseUrl, timeoutMs) {
    return {
      baseUrl,
      timeoutMs,
      projectId: HUAWEI_SIM_PROJECT_ID,
      // The simulator also plays IAM on the same server, so the token flow is exercised end to end.
      auth: {
        kind: 'iam',
        iamUrl: baseUrl,
        username: HUAWEI_SIM_USERNAME,
        password: HUAWEI_SIM_PASSWORD,
        domain: HUAWEI_SIM_DOMAIN,
        region: HUAWEI_SIM_REGION,
      },
    };
  },
  // A gateway elsewhere uses the fixed token: simpler to set up, and the OCR route accepts it.
  gatewayEnv: (baseUrl) => ({ HUAWEI_OCR_BASE_URL: baseUrl, HUAWEI_PROJECT_ID: HUAWEI_SIM_PROJECT_ID, HUAWEI_AUTH_TOKEN: HUAWEI_SIM_FIXED_TOKEN }),
};
