import type { Vendor } from '../signals/model';
import { advanceAiModule } from './advance-ai/module';
import { computervisionVnModule } from './computervision-vn/module';
import { huaweiOcrModule } from './huawei-ocr/module';
import { innov8tifModule } from './innov8tif/module';
import type { VendorModule } from './vendor';
import { verihubsModule } from './verihubs/module';

/** The one list of vendors the gateway knows. Adding a vendor: its folder, and one line here. */
export const VENDOR_MODULES: Readonly<Record<Vendor, VendorModule>> = {
  INNOV8TIF: innov8tifModule,
  ADVANCE_AI: advanceAiModule,
  HUAWEI_OCR: huaweiOcrModule,
  COMPUTERVISION_VN: computervisionVnModule,
  VERIHUBS: verihubsModule,
};
