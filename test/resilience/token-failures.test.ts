import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdvanceAiAdapter } from '../../src/vendors/advance-ai/client';
import { HuaweiOcrAdapter } from '../../src/vendors/huawei-ocr/client';
import { classifyAttempt } from '../../src/vendors/resilience/attempt-class';
import { observationOf } from '../../src/vendors/resilience/attempt-probe';
import type { VendorAdapter, VendorCallContext, VerificationRequest } from '../../src/vendors/vendor';
import { advanceAiSimulator } from '../../src/simulators/advance-ai/simulator-module';
import { huaweiOcrSimulator } from '../../src/simulators/huawei-ocr/simulator-module';

/**
 * A token fetch is shared by every caller waiting for a token, so it is no one attempt's request: the
 * attempt that waited for it must still see how it failed, or the retry policy takes a reset or an
 * IAM 503 for the vendor's answer (not retried, not counted against the breaker).
 */
let mode: 'reset' | '503' = 'reset';
let server: Server;
let url: string;

beforeAll(async () => {
  // Every request is a token request here: the token never comes, so the vendor API is never reached.
  server = createServer((req, res) => {
    req.resume();
    if (mode === 'reset') return req.socket.destroy();
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('upstream unavailable');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request: VerificationRequest = {
  caseNo: 'TOKEN-1',
  country: 'KH',
  documentType: 'NATIONAL_ID',
  documentFront: { kind: 'base64', base64: '/9j/AAAA', mime: 'image/jpeg', bytes: 6, sha256: 'a'.repeat(64) },
  documentBack: null,
  faceSignatureId: 'pass',
};

async function attempt(adapter: VendorAdapter) {
  const context: VendorCallContext = { signal: new AbortController().signal, fetchImageBase64: async () => '' };
  const outcome = await adapter.call(request, context);
  const seen = observationOf(outcome);
  await adapter.close();
  return { outcome, seen, kind: classifyAttempt(adapter.vendor, outcome, seen, false) };
}

const adapters = {
  'ADVANCE.AI token API': () => new AdvanceAiAdapter(advanceAiSimulator.adapterConfig(url, 2_000)),
  'Huawei IAM': () => new HuaweiOcrAdapter(huaweiOcrSimulator.adapterConfig(url, 2_000)),
};

describe.each(Object.entries(adapters))('a failed token fetch (%s) is seen by the attempt', (_name, make) => {
  it('a connection reset: transient, retried', async () => {
    mode = 'reset';
    const { outcome, seen, kind } = await attempt(make());
    expect(outcome.result.status).toBe('FAILED');
    expect(seen.transportError).toBe(outcome.result.errorCode);
    expect(kind).toBe('transient');
  });

  it('HTTP 503: transient, retried', async () => {
    mode = '503';
    const { outcome, seen, kind } = await attempt(make());
    expect(outcome.result.status).toBe('FAILED');
    expect(seen.httpStatus).toBe(503);
    expect(kind).toBe('transient');
  });
});
