import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_ADMIN_KEY, type TestGateway } from '../support/gateway';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The playground in a real browser with every request outside the gateway refused: GraphiQL loads,
 * the preloaded example verification runs, and its decision shows in the result pane.
 */
describe('offline GraphiQL playground in Chromium', () => {
  let gw: TestGateway;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    [gw, browser] = await Promise.all([startTestGateway(), chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })]);
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('loads with no network, runs the example verification and shows the decision', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const origin = new URL(gw.url).origin;
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    const refused: string[] = [];
    page.on('response', async (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${await response.text()}`);
    });
    await page.goto(`${gw.url}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();

    // GraphiQL's editors are CodeMirror 5 instances, reachable from their wrapper element.
    const editors = () => page.$$eval('.CodeMirror', (els) => els.map((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue()));
    const [query] = await editors();
    expect(query).toContain('mutation VerifyIdentity($input: VerifyIdentityInput!)');

    // The gateway refuses requests without a key: the person pastes one in the bar.
    await page.fill('#api-key', TEST_ADMIN_KEY);
    await page.press('#api-key', 'Enter');
    await expect.poll(() => page.locator('#api-key-state').innerText()).toContain(TEST_ADMIN_KEY.slice(-4));
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    const [queryAgain, variables] = await editors();
    expect(queryAgain).toBe(query);
    expect(JSON.parse(variables!).input.documentFront.url).toBe(`${gw.url}/samples/pass.jpg`);

    // The schema came with the page's assets (no introspection): the documentation explorer shows it.
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText()).toContain('Mutation');

    await page.locator('.graphiql-execute-button').click();
    const resultPane = page.locator('.result-window .CodeMirror');
    await expect
      .poll(async () => resultPane.evaluate((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue()), { timeout: 20_000 })
      .toContain('"outcome": "APPROVE"');
    const result = JSON.parse(await resultPane.evaluate((el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue()));
    expect(result.errors).toBeUndefined();
    expect(result.data.verifyIdentity.caseNo).toMatch(/^playground-/);
    expect(result.data.verifyIdentity.vendorResults.map((r: { vendor: string; status: string }) => [r.vendor, r.status])).toEqual([
      ['HUAWEI_OCR', 'OK'],
      ['INNOV8TIF', 'OK'],
      ['ADVANCE_AI', 'OK'],
    ]);
    // Scrolled to, the decision is rendered in the pane itself, not only held in the editor's model.
    await resultPane.evaluate((el) => {
      const editor = (el as unknown as { CodeMirror: { getValue(): string; scrollIntoView(pos: { line: number; ch: number }, margin: number): void } }).CodeMirror;
      const line = editor
        .getValue()
        .split('\n')
        .findIndex((l) => l.includes('"outcome": "APPROVE"'));
      editor.scrollIntoView({ line, ch: 0 }, 50);
    });
    await expect.poll(() => page.locator('.result-window .CodeMirror-code').innerText()).toContain('"outcome": "APPROVE"');

    expect(outside).toEqual([]);
    expect(refused).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);
});
