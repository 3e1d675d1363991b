import type { VerihubsConfig } from '../../vendors/verihubs/client';
import type { SimulatorModule } from '../simulator';
import { VERIHUBS_SIMULATOR_API_KEY, VERIHUBS_SIMULATOR_APP_ID } from './credentials';
import { startVerihubsSimulator } from './server';

export const verihubsSimulator: SimulatorModule<VerihubsConfig> = {
  vendor: 'VERIHUBS',
  start: (options) => startVerihubsSimulator(options),
  adapterConfig(baseUrl, timeoutMs) {
    return { baseUrl, timeoutMs, appId: VERIHUBS_SIMULATOR_APP_ID, apiKey: VERIHUBS_SIMULATOR_API_KEY };
  },
};
