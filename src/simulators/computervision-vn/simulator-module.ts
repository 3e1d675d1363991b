import type { ComputervisionVnConfig } from '../../vendors/computervision-vn/module';
import type { SimulatorModule } from '../simulator';
import { CVVN_SIM_API_KEY, CVVN_SIM_API_SECRET } from './credentials';
import { startComputervisionVnSimulator } from './server';

export const computervisionVnSimulator: SimulatorModule<ComputervisionVnConfig> = {
  vendor: 'COMPUTERVISION_VN',
  start: (options) => startComputervisionVnSimulator(options),
  adapterConfig(baseUrl, timeoutMs) {
    return { baseUrl, timeoutMs, apiKey: CVVN_SIM_API_KEY, apiSecret: CVVN_SIM_API_SECRET };
  },
  gatewayEnv: (baseUrl) => ({ COMPUTERVISION_VN_BASE_URL: baseUrl, COMPUTERVISION_VN_API_KEY: CVVN_SIM_API_KEY, COMPUTERVISION_VN_API_SECRET: CVVN_SIM_API_SECRET }),
};
