import { ADVANCE_PATHS } from '../../vendors/advance-ai/paths';
import type { SimRequest, SimResponse } from '../http-server';
import { startSimulatorServer } from '../http-server';
import type { RunningSimulator, SimulatorOptions } from '../simulator';
import { envelope } from './responses';
import { ResultAnswers, tokenRefused } from './result-answers';
import { SimulatedTokenApi } from './token-api';

/**
 * ADVANCE.AI IDVS simulator: the token API and Get Result on the vendor's documented paths.
 *
 * The scenario comes from the signatureId itself, read as a scenario list (`liveness-attack`,
 * `advance:pending-5s`, `error-USER_TIMEOUT` ...); `face-only` anywhere in it drops docDetail, as
 * the vendor does for a face-only flow. Scenarios: pass, liveness-attack, similarity-fail, forged,
 * photocopy and screen (PASS carrying the label, as the page's SUCCESS example), blurry, dark,
 * fail-no-reason (FAIL with errorCode null), unclear (an undocumented idvResult), pending,
 * pending-<N>s (pending for N seconds from the first Get Result of that signatureId, then pass),
 * error-<errorCode> for every code of the vendor's table
 * (and NOT_SUPPORTED_CARD as the vendor's example spells it), error-data.ERROR (the errorCode ERROR;
 * plain error-ERROR is the envelope-level ERROR), error-SIGNATURE_NOT_EXIST, error-IAM_FAILED (the
 * token is refused on every call), server-error, hang, garbage. Anything else is a pass.
 */

export interface AdvanceAiSimulatorOptions extends SimulatorOptions {
  /** The simulator's clock (epoch ms), for token expiry and the timestamp check. */
  now?: () => number;
}

export interface AdvanceAiSimulator extends RunningSimulator {
  /** How many tokens the token API has issued. */
  readonly tokensIssued: number;
  /** Forgets every issued token, as when the vendor expires them early. */
  revokeTokens(): void;
}

export async function startAdvanceAiSimulator(options: AdvanceAiSimulatorOptions = {}): Promise<AdvanceAiSimulator> {
  const now = options.now ?? Date.now;
  const tokens = new SimulatedTokenApi(now);
  const answers = new ResultAnswers(now);
  const running = await startSimulatorServer(
    'ADVANCE_AI',
    (req) => {
      if (req.path === ADVANCE_PATHS.token && req.method === 'POST') return tokens.issue(req);
      if (req.path === ADVANCE_PATHS.getResult && req.method === 'POST') return getResult(req, tokens, answers);
      return { status: 404, json: { status: 404, error: 'Not Found', path: req.path } };
    },
    options,
  );
  return {
    vendor: running.vendor,
    url: running.url,
    close: () => running.close(),
    get requestCount() {
      return running.requestCount;
    },
    get tokensIssued() {
      return tokens.issued;
    },
    revokeTokens: () => tokens.revoke(),
  };
}

function getResult(req: SimRequest, tokens: SimulatedTokenApi, answers: ResultAnswers): SimResponse {
  const header = req.headers['x-access-token'];
  // Undocumented: how Get Result refuses a missing, unknown or expired token.
  if (!tokens.accepts(Array.isArray(header) ? header[0] : header)) return tokenRefused();
  const body = req.json as Record<string, unknown> | undefined;
  const signatureId = typeof body?.signatureId === 'string' ? body.signatureId.trim() : '';
  // Undocumented: a missing signatureId, answered like the vendor's other empty parameters.
  if (!signatureId) return { status: 200, json: envelope('PARAMETER_ERROR', 'Parameter should not be empty', null) };
  return answers.answerFor(signatureId);
}
