import type { ServerResponse } from 'node:http';

/**
 * Faults a simulator injects into its vendor API answers, each as a share of requests (0..1, summing
 * to at most 1): what real vendors do on a bad day. Sample images are never faulted.
 */
export interface SimulatorFaults {
  /** HTTP 400 with a body no vendor documents: a refusal, not worth retrying. */
  errorRate?: number;
  /** HTTP 503 with a body no vendor documents: a transient server fault. */
  serverErrorRate?: number;
  /** HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitRate?: number;
  /** The request is read and never answered; the connection stays open. */
  timeoutRate?: number;
  /** HTTP 200 with a body that is not JSON. */
  garbageRate?: number;
  /** The real answer, its body dripped one byte every `slowBodyByteMs`. */
  slowBodyRate?: number;
  /** The connection is closed without an answer. */
  dropRate?: number;
  /** The real answer's headers and half its body, then a TCP reset. */
  resetRate?: number;
  /** Added to every answer: `latencyMs` plus a uniform random 0..`jitterMs`. */
  latencyMs?: number;
  jitterMs?: number;
  /** Retry-After of the 429 fault, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Pace of the slow-body fault (default 200 ms a byte: slower than any deadline). */
  slowBodyByteMs?: number;
}

export const FAULT_RATES = [
  ['errorRate', 'error'],
  ['serverErrorRate', 'server-error'],
  ['rateLimitRate', 'rate-limit'],
  ['timeoutRate', 'timeout'],
  ['garbageRate', 'garbage'],
  ['slowBodyRate', 'slow-body'],
  ['dropRate', 'drop'],
  ['resetRate', 'reset'],
] as const;
export const FAULT_SETTINGS = ['latencyMs', 'jitterMs', 'retryAfterSeconds', 'slowBodyByteMs'] as const;

export type FaultKind = (typeof FAULT_RATES)[number][1];

/** One draw: the fault this request gets, or null for a normal answer. */
export function pickFault(faults: SimulatorFaults, random: () => number = Math.random): FaultKind | null {
  const draw = random();
  let edge = 0;
  for (const [rate, kind] of FAULT_RATES) {
    edge += faults[rate] ?? 0;
    if (draw < edge) return kind;
  }
  return null;
}

/** The latency this request gets before its answer (0 when none is configured). */
export function faultLatencyMs(faults: SimulatorFaults, random: () => number = Math.random): number {
  return (faults.latencyMs ?? 0) + random() * (faults.jitterMs ?? 0);
}

/** Whether any fault or latency is configured at all. */
export function hasFaults(faults: SimulatorFaults | undefined): faults is SimulatorFaults {
  if (!faults) return false;
  return FAULT_RATES.some(([rate]) => (faults[rate] ?? 0) > 0) || (faults.latencyMs ?? 0) > 0 || (faults.jitterMs ?? 0) > 0;
}

/**
 * Answers a fault that needs no real answer; returns false for the faults that distort the real
 * answer (slow-body, reset), which the caller then sends through `sendFaulted`.
 */
export function answerFault(kind: FaultKind, faults: SimulatorFaults, res: ServerResponse): boolean {
  const json = (status: number, message: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ message }));
  };
  switch (kind) {
    case 'error':
      json(400, 'Bad Request (simulated fault)');
      return true;
    case 'server-error':
      json(503, 'Service Unavailable (simulated fault)');
      return true;
    case 'rate-limit':
      json(429, 'Too Many Requests (simulated fault)', { 'retry-after': String(faults.retryAfterSeconds ?? 1) });
      return true;
    case 'timeout':
      return true; // never answered; the server's close() destroys the socket
    case 'garbage':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>upstream sent garbage (simulated fault)</body></html>');
      return true;
    case 'drop':
      res.socket?.destroy();
      return true;
    case 'slow-body':
    case 'reset':
      return false;
  }
}

/** Sends a real answer distorted by the slow-body or reset fault. */
export function sendFaulted(kind: 'slow-body' | 'reset', faults: SimulatorFaults, res: ServerResponse, status: number, contentType: string, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(body.length) });
  if (kind === 'reset') {
    res.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))), () => res.socket?.resetAndDestroy());
    return;
  }
  const pace = faults.slowBodyByteMs ?? 200;
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed || sent >= body.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body.subarray(sent, sent + 1));
    sent += 1;
  }, pace);
  res.on('close', () => clearInterval(timer));
}
