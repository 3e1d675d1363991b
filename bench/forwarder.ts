/**
 * The throughput limit of a gateway on this machine: a bare forwarder. It reads a verifyIdentity
 * request (the same GraphQL JSON body the gateway gets), makes the same three vendor calls of a KH
 * verification (Huawei OCR, Innov8tif, ADVANCE.AI get-result) over keep-alive undici pools, in
 * parallel, and answers each vendor's HTTP status. No GraphQL, no validation, no policy, no store.
 *
 *   HUAWEI_OCR_BASE_URL=... INNOV8TIF_BASE_URL=... ADVANCE_BASE_URL=... PORT=4300 node --import tsx bench/forwarder.ts
 *
 * Credentials are the simulators'. Prints `forwarder ready: <url>` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { ADVANCE_SIMULATOR_ACCESS_KEY, ADVANCE_SIMULATOR_SECRET_KEY } from '../src/simulators/advance-ai/credentials';
import { HUAWEI_SIM_FIXED_TOKEN, HUAWEI_SIM_PROJECT_ID } from '../src/simulators/huawei-ocr/credentials';
import { INNOV8TIF_SIMULATOR_API_KEY } from '../src/simulators/innov8tif/credentials';
import { ADVANCE_PATHS } from '../src/vendors/advance-ai/paths';
import { toTokenRequestBody } from '../src/vendors/advance-ai/token-issuer';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
// As many connections per vendor as the gateway's VendorHttpClient opens.
const pool = (url: string) => new Pool(new URL(url).origin, { connections: 128, keepAliveTimeout: 30_000 });
const huawei = pool(need('HUAWEI_OCR_BASE_URL'));
const innov8tif = pool(need('INNOV8TIF_BASE_URL'));
const advance = pool(need('ADVANCE_BASE_URL'));

async function post(target: Pool, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await target.request({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.statusCode, text: await res.body.text() };
}

const tokenAnswer = await post(advance, ADVANCE_PATHS.token, toTokenRequestBody(ADVANCE_SIMULATOR_ACCESS_KEY, ADVANCE_SIMULATOR_SECRET_KEY, Date.now(), 3600));
const advanceToken = (JSON.parse(tokenAnswer.text) as { data: { token: string } }).data.token;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const input = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { input: Record<string, any> } }).variables.input;
      const results = await Promise.all([
        post(huawei, `/v2/${HUAWEI_SIM_PROJECT_ID}/ocr/cambodian-idcard`, `{"image":"${input.documentFront.base64}","return_idcard_type":true}`, {
          'x-auth-token': HUAWEI_SIM_FIXED_TOKEN,
        }),
        post(
          innov8tif,
          '/ekyc/api/ekyc/v1/doc-verify/kh-id-back',
          `{"caseNo":${JSON.stringify(input.caseNo)},"apiKey":"${INNOV8TIF_SIMULATOR_API_KEY}","idImageBase64Image":"${input.documentBack.base64}"}`,
        ),
        post(advance, '/intl/openapi/identity-risk/idvs-h5/ekyc/v1/get-result', JSON.stringify({ signatureId: input.faceSignatureId }), {
          'X-ACCESS-TOKEN': advanceToken,
        }),
      ]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { forwarded: results.map((r) => r.status) } }));
    } catch {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"forwarding failed"}]}');
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`forwarder ready: http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
