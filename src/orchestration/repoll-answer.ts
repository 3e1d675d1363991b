import type { VendorSignals } from '../signals/model';

/** Codes our own layers give when a call could not reach or hear the vendor: no news about the case. */
const NO_NEWS = new Set(['CIRCUIT_OPEN', 'RATE_LIMITED', 'CANCELLED', 'INTERNAL_ERROR', 'NETWORK_ERROR', 'RESPONSE_TOO_LARGE', 'ERROR']);

/**
 * Whether a re-poll's answer ends the wait for that vendor. A final answer is a result (OK) or the
 * vendor's own verdict on the job (USER_TIMEOUT, SIGNATURE_NOT_EXIST ...). A deadline, a transport
 * failure, a server error or an open breaker says nothing about the job: the case stays pending and is
 * asked again later (until the wait limit), rather than being decided on a passing outage.
 */
export function isFinalRepollAnswer(signals: VendorSignals): boolean {
  const { status, errorCode } = signals.result;
  if (status === 'OK') return true;
  if (status !== 'FAILED') return false;
  const code = errorCode ?? '';
  if (NO_NEWS.has(code) || code.startsWith('UND_ERR') || /^HTTP_\d{3}$/.test(code) || /^E[A-Z]+$/.test(code)) return false;
  return code !== '';
}
