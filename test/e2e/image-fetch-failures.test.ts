import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildGateway, type ChildGateway } from '../support/child-gateway';
import { image, TEST_ADMIN_KEY, VERIFY } from '../support/gateway';
import { startHostileImageServer, type HostileImageServer } from '../support/hostile-image-server';
import { scrape } from '../support/prometheus-text';

/**
 * Image URLs the gateway fetches itself (Innov8tif and computervision.com.vn take bytes only) that
 * answer badly. The gateway runs in its own process: a fault that ends Node shows as a refused
 * connection, and one caught only by the process-level safety net shows in its counter.
 */
describe('image URLs that answer badly', () => {
  let images: HostileImageServer;
  let gw: ChildGateway;

  beforeAll(async () => {
    images = await startHostileImageServer();
    gw = await startChildGateway({
      PORT: '0',
      DATABASE_URL: 'memory://',
      API_KEYS: JSON.stringify([{ name: 'test-admin', key: TEST_ADMIN_KEY, scopes: ['*'] }]),
      IMAGE_URL_ALLOW: images.hostPort,
      VENDOR_TIMEOUT_MS: '2000',
    });
  }, 90_000);
  afterAll(async () => {
    await gw?.stop();
    await images?.close();
  });

  async function verify(input: Record<string, unknown>, signal?: AbortSignal): Promise<any> {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query: VERIFY, variables: { input } }),
      signal,
    });
    return res.body.json();
  }

  /** A KH case whose back image (Innov8tif's input) is `path` on the hostile server. */
  const khBackUrl = (caseNo: string, path: string) => ({
    caseNo,
    country: 'KH',
    documentType: 'NATIONAL_ID',
    documentFront: image('pass'),
    documentBack: { url: `${images.url}${path}` },
    faceSignatureId: 'pass',
  });

  const statuses = (body: any) => Object.fromEntries(body.data.verifyIdentity.vendorResults.map((r: any) => [r.vendor, r.status === 'OK' ? 'OK' : `${r.status} ${r.errorCode}`]));

  const unexpectedErrors = async () => {
    const metrics = await scrape(gw.url);
    return metrics.samples.filter((s) => s.name === 'ekyc_unexpected_errors_total').reduce((sum, s) => sum + s.value, 0);
  };

  it.each([
    ['/404', 'FAILED IMAGE_FETCH_FAILED'],
    ['/302', 'FAILED IMAGE_FETCH_FAILED'],
    ['/500', 'FAILED IMAGE_FETCH_FAILED'],
    ['/large', 'FAILED IMAGE_TOO_LARGE'],
    ['/magic-png', 'FAILED IMAGE_FORMAT'],
    ['/magic-jpeg', 'FAILED IMAGE_FORMAT'],
    ['/hang-body', 'FAILED IMAGE_FETCH_TIMEOUT'],
    ['/hang-headers', 'FAILED IMAGE_FETCH_TIMEOUT'],
  ])('%s: the vendor that needed the image is %s, the others answer, and the gateway serves on', async (path, expected) => {
    const caseNo = `bad-image${path.replace('/', '-')}-${Date.now()}`;
    const body = await verify(khBackUrl(caseNo, path));
    expect(body.errors).toBeUndefined();
    expect(statuses(body)).toEqual({ HUAWEI_OCR: 'OK', INNOV8TIF: expected, ADVANCE_AI: 'OK' });
    expect(body.data.verifyIdentity.decision.outcome).not.toBe('APPROVE');
    // The message names what went wrong, never the URL.
    const innov8tif = body.data.verifyIdentity.vendorResults.find((r: any) => r.vendor === 'INNOV8TIF');
    expect(innov8tif.message).not.toContain(images.url);

    const next = await verify(khBackUrl(`${caseNo}-next`, '/ok.jpg'));
    expect(statuses(next)).toEqual({ HUAWEI_OCR: 'OK', INNOV8TIF: 'OK', ADVANCE_AI: 'OK' });
    expect(await unexpectedErrors()).toBe(0);
  });

  it('computervision.com.vn keeps the fetcher’s precise code for a URL image it had to fetch', async () => {
    const body = await verify({
      caseNo: `bad-image-vn-${Date.now()}`,
      country: 'VN',
      documentType: 'NATIONAL_ID',
      documentFront: { url: `${images.url}/large` },
      documentBack: image('pass'),
      faceSignatureId: 'pass',
    });
    expect(statuses(body)).toEqual({ COMPUTERVISION_VN: 'FAILED IMAGE_TOO_LARGE', ADVANCE_AI: 'OK' });
    expect(await unexpectedErrors()).toBe(0);
  });

  it('stalling image URLs are not held against the vendor: its circuit breaker stays closed for the next caller', async () => {
    // More than VENDOR_BREAKER_FAILURES (5) at once, each running out the verification's deadline.
    const stalled = await Promise.all(Array.from({ length: 7 }, (_, i) => verify(khBackUrl(`bad-image-stall-${i}-${Date.now()}`, i % 2 ? '/hang-body' : '/hang-headers'))));
    for (const body of stalled) expect(statuses(body).INNOV8TIF).toBe('FAILED IMAGE_FETCH_TIMEOUT');
    const next = await verify(khBackUrl(`bad-image-stall-next-${Date.now()}`, '/ok.jpg'));
    expect(statuses(next)).toEqual({ HUAWEI_OCR: 'OK', INNOV8TIF: 'OK', ADVANCE_AI: 'OK' });
    expect(await unexpectedErrors()).toBe(0);
  });

  it('a client that goes away while its image is being fetched leaves the gateway serving', async () => {
    const gone = new AbortController();
    const abandoned = verify(khBackUrl(`bad-image-gone-${Date.now()}`, '/hang-body'), gone.signal).catch((error: Error) => error);
    // Wait until the gateway is reading the image, then leave.
    const hits = () => images.hits.get('/hang-body') ?? 0;
    const before = hits();
    for (let i = 0; i < 200 && hits() === before; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    gone.abort();
    expect(await abandoned).toBeInstanceOf(Error);

    const next = await verify(khBackUrl(`bad-image-gone-next-${Date.now()}`, '/404'));
    expect(statuses(next)).toEqual({ HUAWEI_OCR: 'OK', INNOV8TIF: 'FAILED IMAGE_FETCH_FAILED', ADVANCE_AI: 'OK' });
    const health = await request(`${gw.url}/healthz`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    expect(await unexpectedErrors()).toBe(0);
  });
});
