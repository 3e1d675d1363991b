import type { VerihubsConfig } from '../../vendors/verihubs/module';
import type { SimulatorModule } from '../simulator';
import { VERIHUBS_SIMULATOR_API_KEY, VERIHUBS_SIMULATOR_APP_ID } from './credentials';
import { startVerihubsSimulator } from './server';

export const verihubsSimulator: SimulatorModule<VerihubsConfig> = {
  vendor: 'VERIHUBS',
  start: (options) => startVerihubsSimulator(options),
  adapterConfig(baseUrl, timeoutMs) {
    return { baseUrl, timeoutMs, appId: VERIHUBS_SIMULATOR_APP_ID, apiKey: VERIHUBS_SIMULATOR_API_KEY };
  },
  gatewayEnv: (baseUrl) => ({ VERIHUBS_BASE_URL: baseUrl, VERIHUBS_APP_ID: VERIHUBS_SIMULATOR_APP_ID, VERIHUBS_API_KEY: VERIHUBS_SIMULATOR_API_KEY }),
};
