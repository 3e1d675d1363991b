import { GARBAGE, type SimResponse } from '../http-server';
import { errorCodeOf, parseScenarioList, pickScenario, VENDOR_SLUGS } from '../scenario';
import { envelope, errorCodeData, failWithoutReasonData, passData, pendingData, SERVER_ERROR_MESSAGE, SIGNATURE_NOT_EXIST_MESSAGE, unclearData } from './responses';

const SLUG = VENDOR_SLUGS.ADVANCE_AI;
const MAX_TRACKED = 10_000;

type Data = Record<string, unknown>;

/** The `data` a SUCCESS envelope carries for each named scenario. */
const SCENARIO_DATA: Readonly<Record<string, (signatureId: string) => Data>> = {
  'liveness-attack': (id) => errorCodeData(id, 'LIVENESS_ATTACK')!,
  'similarity-fail': (id) => errorCodeData(id, 'SIMILARITY_FAIL')!,
  forged: (id) => errorCodeData(id, 'ID_FORGERY_DETECTED')!,
  photocopy: (id) => passData(id, { forgeryLabels: ['photocopy'] }),
  screen: (id) => passData(id, { forgeryLabels: ['screen'] }),
  blurry: (id) => passData(id, { qualityLabels: { front: ['blur'], back: [] } }),
  dark: (id) => passData(id, { qualityLabels: { front: ['dark'], back: [] } }),
  pending: (id) => pendingData(id),
  'fail-no-reason': (id) => failWithoutReasonData(id),
  unclear: (id) => unclearData(id),
};

/** Scenarios answered with something other than a SUCCESS envelope. */
const SCENARIO_RESPONSES: Readonly<Record<string, SimResponse>> = {
  'server-error': { status: 500, json: envelope('ERROR', SERVER_ERROR_MESSAGE, null) },
  hang: 'hang',
  garbage: GARBAGE,
};

/** How Get Result refuses a token (undocumented): HTTP 401 with IAM_FAILED, as ADVANCE.AI's open APIs do. */
export function tokenRefused(): SimResponse {
  return { status: 401, json: envelope('IAM_FAILED', 'Access Denied', null) };
}

/**
 * Get Result's answer for a signatureId, read as a scenario list; `face-only` anywhere in it drops
 * docDetail. `pending-<N>s` is pending for N seconds from the first call with that signatureId.
 */
export class ResultAnswers {
  private readonly firstSeen = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  answerFor(signatureId: string): SimResponse {
    const faceOnly = signatureId.toLowerCase().includes('face-only');
    const scenario = pickScenario(
      SLUG,
      parseScenarioList(signatureId).filter((n) => !n.toLowerCase().includes('face-only')),
    );
    const data = this.dataFor(signatureId, scenario);
    if (data === null) return this.otherAnswer(signatureId, scenario);
    if (faceOnly) data.docDetail = null;
    return { status: 200, json: envelope('SUCCESS', 'OK', data) };
  }

  /** The SUCCESS data the scenario plays, or null when it is answered otherwise. */
  private dataFor(signatureId: string, scenario: string): Data | null {
    const waitFor = /^pending-(\d+)s$/.exec(scenario);
    if (waitFor) return this.waited(signatureId, Number(waitFor[1]) * 1000) ? passData(signatureId) : pendingData(signatureId);
    const code = errorCodeOf(scenario);
    if (code !== null) {
      if (code === 'SIGNATURE_NOT_EXIST' || code === 'ERROR' || code === 'IAM_FAILED') return null;
      return errorCodeData(signatureId, code === 'data.ERROR' ? 'ERROR' : code) ?? passData(signatureId);
    }
    if (Object.hasOwn(SCENARIO_RESPONSES, scenario)) return null;
    return (Object.hasOwn(SCENARIO_DATA, scenario) ? SCENARIO_DATA[scenario]! : passData)(signatureId);
  }

  private otherAnswer(signatureId: string, scenario: string): SimResponse {
    const code = errorCodeOf(scenario);
    if (code === 'SIGNATURE_NOT_EXIST') return { status: 200, json: envelope(code, SIGNATURE_NOT_EXIST_MESSAGE, null) };
    if (code === 'ERROR') return { status: 200, json: envelope(code, SERVER_ERROR_MESSAGE, null) };
    if (code === 'IAM_FAILED') return tokenRefused();
    return SCENARIO_RESPONSES[scenario]!;
  }

  private waited(signatureId: string, ms: number): boolean {
    if (!this.firstSeen.has(signatureId)) {
      if (this.firstSeen.size >= MAX_TRACKED) this.firstSeen.clear();
      this.firstSeen.set(signatureId, this.now());
    }
    return this.now() - this.firstSeen.get(signatureId)! >= ms;
  }
}
