import { Writable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startGateway, type Gateway } from '../../src/main';
import { khInput } from '../support/e2e';
import { image, TEST_ADMIN_KEY, VERIFY } from '../support/gateway';

/** An image and a name as a client would send them, each recognisable anywhere in a response or a log. */
const IMAGE = '/9j/4AAQSkZJRgABAQEASABIAAD-echo-probe-image';
const NAME = 'SOK DARA 011845273';
const SENT = [IMAGE, NAME, 'SOK DARA', '011845273'];

/**
 * Request errors (parse, validation, variable coercion) name the variable, the path and the type
 * expected, never the value sent: those values are images and personal data. In every environment.
 */
describe.each(['test', 'production'])('request errors never quote the values sent (NODE_ENV=%s)', (nodeEnv) => {
  const lines: string[] = [];
  let gw: Gateway;

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      NODE_ENV: nodeEnv,
      SIMULATORS: 'on',
      DATABASE_URL: 'memory://',
      API_KEYS: JSON.stringify([{ name: 'admin', key: TEST_ADMIN_KEY, scopes: ['*'] }]),
    });
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    gw = await startGateway(config, { logger: createLogger({ level: 'trace', destination }), print: (l) => lines.push(l) });
  });
  afterAll(() => gw?.close());

  /** The response as text (so nothing can hide in a field the assertions do not read) and parsed. */
  const send = async (query: string, variables?: Record<string, unknown>) => {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.body.text();
    for (const value of SENT) expect(text, `the response quotes ${JSON.stringify(value)}`).not.toContain(value);
    const body = JSON.parse(text) as { errors: Array<{ message: string; extensions: { code: string } }> };
    return { status: res.statusCode, errors: body.errors, messages: body.errors.map((e) => e.message) };
  };

  it('an image where an ImageInput goes and an unknown field holding a name: BAD_USER_INPUT naming both places', async () => {
    const input = { ...khInput('echo-1'), documentFront: IMAGE, fullName: NAME };
    const { status, errors, messages } = await send(VERIFY, { input });
    expect(status).toBe(400);
    expect(errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(messages).toContain('Variable "$input" got an invalid value at "input.documentFront"; Expected type "ImageInput" to be an object.');
    expect(messages).toContain('Variable "$input" got an invalid value; Field "fullName" is not defined by type "VerifyIdentityInput".');
    // The valid back image of the same input was quoted too, with the whole object.
    expect(JSON.stringify(errors)).not.toContain(image('pass').base64.slice(0, 24));
  });

  it('an unknown field inside an image', async () => {
    const { errors } = await send(VERIFY, { input: { ...khInput('echo-2'), documentFront: { base64: IMAGE, extra: NAME } } });
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'Variable "$input" got an invalid value at "input.documentFront"; Field "extra" is not defined by type "ImageInput".',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  it('a value outside an enum, and a scalar of the wrong kind', async () => {
    const enumValue = await send(VERIFY, { input: { ...khInput('echo-3'), documentType: NAME } });
    expect(enumValue.messages).toEqual(['Variable "$input" got an invalid value at "input.documentType"; Expected type "DocumentType".']);
    const scalar = await send('query List($n: Int) { identities(first: $n) { totalCount } }', { n: NAME });
    expect(scalar.messages).toEqual(['Variable "$n" got an invalid value; Expected type "Int".']);
    expect(scalar.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('a value written in the query document, valid or not GraphQL', async () => {
    const literal = await send(`{ identities(first: "${NAME}") { totalCount } }`);
    expect(literal.errors).toEqual([expect.objectContaining({ message: 'Expected type "Int".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
    const syntax = await send(`{ identities(filter: { caseNo "${NAME}" }) { totalCount } }`);
    expect(syntax.errors).toEqual([expect.objectContaining({ message: 'Syntax Error: Expected ":", found String.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
  });

  it('no log line holds a value sent', () => {
    expect(lines.some((l) => l.includes('graphql request'))).toBe(true);
    for (const value of SENT) expect(lines.find((l) => l.includes(value))).toBeUndefined();
  });
});
