import type { Vendor } from '../signals/model';
import { advanceAiSimulator } from './advance-ai/simulator-module';
import { computervisionVnSimulator } from './computervision-vn/simulator-module';
import { huaweiOcrSimulator } from './huawei-ocr/simulator-module';
import { innov8tifSimulator } from './innov8tif/simulator-module';
import type { SimulatorModule } from './simulator';
import { verihubsSimulator } from './verihubs/simulator-module';

/**
 * Every vendor's simulator, for development, tests, benchmarks and `npm run simulators`. Production
 * code never imports this: the gateway loads it dynamically, and only when simulators are allowed.
 */
export const SIMULATOR_MODULES: Readonly<Record<Vendor, SimulatorModule>> = {
  INNOV8TIF: innov8tifSimulator,
  ADVANCE_AI: advanceAiSimulator,
  HUAWEI_OCR: huaweiOcrSimulator,
  COMPUTERVISION_VN: computervisionVnSimulator,
  VERIHUBS: verihubsSimulator,
};
