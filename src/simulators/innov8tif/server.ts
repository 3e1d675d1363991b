import { INNOV8TIF_PATHS } from '../../vendors/innov8tif/paths';
import { randomUUID } from 'node:crypto';
import type { RunningSimulator, SimulatorOptions } from '../simulator';
import { GARBAGE, startSimulatorServer, type SimRequest, type SimResponse } from '../http-server';
import { errorCodeOf, pickScenario, scenariosFromBase64, VENDOR_SLUGS } from '../scenario';
import { INNOV8TIF_SIMULATOR_API_KEY } from './credentials';
import { ERROR_ANSWERS, errorBody, successBody, VERDICT_ALIASES, VERDICTS, webServerError } from './responses';

/** The documented path, spelt out here on its own so the simulator checks the adapter's path. */

/**
 * Starts the OkayDoc simulator: `POST /ekyc/api/ekyc/v1/doc-verify/kh-id-back` with the API key
 * in the body, answering in the documented envelope. The scenario comes from the marker in the
 * submitted image (`EKYC-SCENARIO=...;`).
 */
export function startInnov8tifSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulatorServer('INNOV8TIF', handleKhIdBack, options);
}

/** Checks the request the way the vendor would (path, method, apiKey, fields, image), then plays the scenario. */
function handleKhIdBack(req: SimRequest): SimResponse {
  if (req.path !== INNOV8TIF_PATHS.khIdBack) return { status: 404, json: webServerError(404, 'Not Found', req.path) };
  if (req.method !== 'POST') return { status: 405, json: webServerError(405, 'Method Not Allowed', req.path) };
  const body = typeof req.json === 'object' && req.json !== null && !Array.isArray(req.json) ? (req.json as Record<string, unknown>) : null;
  if (body === null) return errorAnswer('api.invalid.request');
  // Undocumented: a wrong or missing apiKey is assumed to be HTTP 401 with messageCode api.unauthorized.
  if (body.apiKey !== INNOV8TIF_SIMULATOR_API_KEY) return errorAnswer('api.unauthorized');
  const { caseNo, idImageBase64Image: image } = body;
  if (typeof caseNo !== 'string' || caseNo.trim() === '' || typeof image !== 'string' || image.trim() === '') {
    return errorAnswer('api.invalid.request');
  }
  // The documented example ends its base64 with "\r\n": whitespace is tolerated.
  const base64 = image.replace(/\s+/g, '');
  if (!isJpegOrPng(base64)) return errorAnswer('api.invalid.image');
  return playScenario(pickScenario(VENDOR_SLUGS.INNOV8TIF, scenariosFromBase64(base64)).toLowerCase());
}

function playScenario(scenario: string): SimResponse {
  if (scenario === 'hang') return 'hang';
  if (scenario === 'garbage') return GARBAGE;
  if (scenario === 'server-error') return errorAnswer('api.internal.error');
  const code = errorCodeOf(scenario);
  if (code !== null && Object.hasOwn(ERROR_ANSWERS, code)) return errorAnswer(code);
  const name = Object.hasOwn(VERDICT_ALIASES, scenario) ? VERDICT_ALIASES[scenario]! : scenario;
  const profile = Object.hasOwn(VERDICTS, name) ? VERDICTS[name]! : VERDICTS.pass!;
  return { status: 200, json: successBody(randomUUID(), profile) };
}

function errorAnswer(code: string): SimResponse {
  const answer = ERROR_ANSWERS[code]!;
  return { status: answer.httpStatus, json: errorBody(code, answer.message) };
}

function isJpegOrPng(base64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return false;
  const head = Buffer.from(base64.slice(0, 12), 'base64');
  const jpeg = head[0] === 0xff && head[1] === 0xd8;
  const png = head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  return jpeg || png;
}
