import type { Innov8tifConfig } from '../../vendors/innov8tif/module';
import type { SimulatorModule } from '../simulator';
import { INNOV8TIF_SIMULATOR_API_KEY } from './credentials';
import { startInnov8tifSimulator } from './server';

export const innov8tifSimulator: SimulatorModule<Innov8tifConfig> = {
  vendor: 'INNOV8TIF',
  start: (options) => startInnov8tifSimulator(options),
  adapterConfig(baseUrl, timeoutMs) {
    return { baseUrl, timeoutMs, apiKey: INNOV8TIF_SIMULATOR_API_KEY };
  },
  gatewayEnv: (baseUrl) => ({ INNOV8TIF_BASE_URL: baseUrl, INNOV8TIF_API_KEY: INNOV8TIF_SIMULATOR_API_KEY }),
};
