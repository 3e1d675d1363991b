import type { SimRequest, SimResponse } from '../http-server';
import { pickScenario, scenariosFromImage, VENDOR_SLUGS } from '../scenario';
import { cardAnswer, errorResponse, record, scenarioAnswer } from './answers';
import { HUAWEI_SIM_PROJECT_ID } from './credentials';
import type { SimulatedIam } from './iam';

const BASE64 = /^[A-Za-z0-9+/=\r\n]+$/;
/** The page supports only images stored on OBS (`https://BucketName.obs.myhwclouds.com/ObjectName`). */
const OBS_URL = /^https:\/\/[a-z0-9][a-z0-9.-]*\.obs\.myhwclouds\.com\/./i;

/** The OCR route's answer: the token checked with IAM, the body as the page documents it, then the scenario. */
export function ocrAnswer(req: SimRequest, projectId: string, iam: SimulatedIam): SimResponse {
  const header = req.headers['x-auth-token'];
  const denied = iam.refusal(Array.isArray(header) ? header[0] : header);
  if (denied) return denied;
  if (projectId !== HUAWEI_SIM_PROJECT_ID) return errorResponse('ModelArts.4203');
  const body = record(req.json);
  if (!body) return errorResponse('ModelArts.4105');
  const image = typeof body.image === 'string' && body.image !== '' ? body.image : null;
  const url = typeof body.url === 'string' && body.url !== '' ? body.url : null;
  if ((image === null) === (url === null)) return errorResponse('AIS.0101');
  if (url !== null && !/^https?:\/\//i.test(url)) return errorResponse('AIS.0101');
  if (url !== null && !OBS_URL.test(url)) return errorResponse('ModelArts.4601');
  if (image !== null && !BASE64.test(image)) return errorResponse('AIS.0102');
  const flags = ['return_portrait_image', 'return_portrait_location', 'return_idcard_type'];
  if (flags.some((flag) => body[flag] !== undefined && typeof body[flag] !== 'boolean')) return errorResponse('AIS.0101');

  const scenario = pickScenario(VENDOR_SLUGS.HUAWEI_OCR, scenariosFromImage(image ?? url));
  return scenarioAnswer(scenario, body) ?? cardAnswer('pass', body);
}
