import { randomBytes } from 'node:crypto';
import { GARBAGE, type SimResponse } from '../http-server';
import { errorCodeOf } from '../scenario';
import { CARD_SCENARIOS, cardResult, SIM_ERRORS, simErrorCode, type CardScenario } from './responses';

/** The answer for a scenario this simulator knows, or null (an unknown name is a clean pass). */
export function scenarioAnswer(scenario: string, body: Record<string, unknown>): SimResponse | null {
  if ((CARD_SCENARIOS as readonly string[]).includes(scenario)) return cardAnswer(scenario as CardScenario, body);
  switch (scenario) {
    case 'blurry':
    case 'dark':
      return errorResponse('AIS.0104'); // the vendor refuses poor images rather than scoring them
    case 'server-error':
      return errorResponse('ModelArts.4505');
    case 'hang':
      return 'hang';
    case 'garbage':
      return GARBAGE;
  }
  const code = errorCodeOf(scenario);
  const known = code === null ? null : simErrorCode(code);
  return known === null ? null : errorResponse(known);
}

/** 200 with the card; the card type and portrait only when the request asked for them, as documented. */
export function cardAnswer(scenario: CardScenario, body: Record<string, unknown>): SimResponse {
  const result = cardResult(scenario, {
    returnIdcardType: body.return_idcard_type === true,
    returnPortraitImage: body.return_portrait_image === true,
    returnPortraitLocation: body.return_portrait_location === true,
  });
  return { status: 200, json: { result }, headers: { 'x-request-id': requestId() } };
}

export function errorResponse(code: string, message?: string): SimResponse {
  const entry = SIM_ERRORS[code]!;
  return {
    status: entry.status,
    json: { error_code: code, error_msg: message ?? entry.message },
    headers: { 'x-request-id': requestId() },
  };
}

export function requestId(): string {
  return randomBytes(16).toString('hex');
}

export function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
