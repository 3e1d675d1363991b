import type { AdvanceAiConfig } from '../../vendors/advance-ai/module';
import type { SimulatorModule } from '../simulator';
import { ADVANCE_SIMULATOR_ACCESS_KEY, ADVANCE_SIMULATOR_SECRET_KEY } from './credentials';
import { DEFAULT_TOKEN_PERIOD_SECONDS } from '../../vendors/advance-ai/token-issuer';
import { startAdvanceAiSimulator } from './server';

export const advanceAiSimulator: SimulatorModule<AdvanceAiConfig> = {
  vendor: 'ADVANCE_AI',
  start: (options) => startAdvanceAiSimulator(options),
  adapterConfig(baseUrl, timeoutMs) {
    return {
      baseUrl,
      timeoutMs,
      accessKey: ADVANCE_SIMULATOR_ACCESS_KEY,
      secretKey: ADVANCE_SIMULATOR_SECRET_KEY,
      tokenPeriodSeconds: DEFAULT_TOKEN_PERIOD_SECONDS,
    };
  },
  gatewayEnv: (baseUrl) => ({ ADVANCE_BASE_URL: baseUrl, ADVANCE_ACCESS_KEY: ADVANCE_SIMULATOR_ACCESS_KEY, ADVANCE_SECRET_KEY: ADVANCE_SIMULATOR_SECRET_KEY }),
};
