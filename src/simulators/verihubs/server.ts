import { VERIHUBS_PATHS } from '../../vendors/verihubs/paths';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RunningSimulator, SimulatorOptions } from '../simulator';
import { GARBAGE, startSimulatorServer, type SimRequest, type SimResponse } from '../http-server';
import { errorCodeOf, pickScenario, scenariosFromImage, VENDOR_SLUGS } from '../scenario';
import { VERIHUBS_SIMULATOR_API_KEY, VERIHUBS_SIMULATOR_APP_ID } from './credentials';
import { checkPayload } from './payload';
import {
  isVerihubsErrorCode,
  oddVerdictBody,
  SERVER_ERROR_ANSWER,
  UNAUTHORIZED_ANSWER,
  VERIHUBS_ERROR_ANSWERS,
  VERIHUBS_LOOKS,
  verdictBody,
  type VerihubsErrorAnswer,
} from './responses';

/**
 * Starts the Verihubs ID Forgery simulator: `POST /v2/ktp/idforgery` with the `App-ID` / `API-Key`
 * headers, validated like the vendor, answering per the scenario carried by the image. Scenarios:
 * pass, forged, blurry, dark, flashlight, grayscale, fail-quality-bare, unclear, error-<CODE> for every
 * documented code (FAIL_ON_1 / FAIL_ON_2 play blurry / forged), server-error, hang, garbage; anything
 * else plays pass.
 */
export function startVerihubsSimulator(options?: SimulatorOptions): Promise<RunningSimulator> {
  return startSimulatorServer('VERIHUBS', handleVerihubsRequest, options);
}

/** One simulated call. Order as the vendor would: route, then credentials, then payload, then scenario. */
function handleVerihubsRequest(req: SimRequest): SimResponse {
  // The page does not document a wrong-path answer; a plain 404 with a message is assumed.
  if (req.method !== 'POST' || req.path !== VERIHUBS_PATHS.idForgery) return { status: 404, json: { message: 'Not Found' } };
  if (!authorised(req.headers)) return answer(UNAUTHORIZED_ANSWER);
  const payload = checkPayload(req.json);
  if (!payload.ok) return answer(VERIHUBS_ERROR_ANSWERS[payload.code]);

  const scenario = pickScenario(VENDOR_SLUGS.VERIHUBS, scenariosFromImage(payload.image));
  const referenceId = randomUUID();
  const code = errorCodeOf(scenario)?.toUpperCase() ?? null;
  if (code === 'FAIL_ON_1') {
    // A quality failure is only reported as FAIL_ON_1 under quality validation.
    return { status: 200, json: verdictBody(VERIHUBS_LOOKS.blurry, { isQuality: true, validateQuality: true }, referenceId) };
  }
  if (code === 'FAIL_ON_2') return { status: 200, json: verdictBody(VERIHUBS_LOOKS.forged, payload.flags, referenceId) };
  if (code !== null && isVerihubsErrorCode(code)) return answer(VERIHUBS_ERROR_ANSWERS[code]);
  if (scenario === 'server-error') return answer(SERVER_ERROR_ANSWER);
  if (scenario === 'hang') return 'hang';
  if (scenario === 'garbage') return GARBAGE;
  const odd = oddVerdictBody(scenario, referenceId);
  if (odd !== null) return { status: 200, json: odd };
  const look = VERIHUBS_LOOKS[scenario] ?? VERIHUBS_LOOKS.pass;
  return { status: 200, json: verdictBody(look, payload.flags, referenceId) };
}

function authorised(headers: IncomingHttpHeaders): boolean {
  return header(headers, 'app-id') === VERIHUBS_SIMULATOR_APP_ID && header(headers, 'api-key') === VERIHUBS_SIMULATOR_API_KEY;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answer(error: VerihubsErrorAnswer): SimResponse {
  return { status: error.status, json: error.body };
}
