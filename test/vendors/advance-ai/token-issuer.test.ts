import { describe, expect, it } from 'vitest';
import { AdvanceTokenError, parseTokenAnswer, tokenSignature, toTokenRequestBody } from '../../../src/vendors/advance-ai/token-issuer';

describe('tokenSignature', () => {
  it('matches the vendor’s documented example', () => {
    expect(tokenSignature('sampleaccesskey', 'samplesecretkey', 1665993522952)).toBe('02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5');
    expect(tokenSignature('sampleaccesskey', 'samplesecretkey', '1665993522952')).toBe('02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5');
  });

  it('signs the timestamp that is sent', () => {
    expect(JSON.parse(toTokenRequestBody('sampleaccesskey', 'samplesecretkey', 1665993522952, 120))).toEqual({
      accessKey: 'sampleaccesskey',
      timestamp: 1665993522952,
      signature: '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5',
      periodSecond: 120,
    });
  });
});

describe('parseTokenAnswer', () => {
  const ok = { code: 'SUCCESS', message: 'OK', data: { token: 'eyJ.t', expiredTime: 1642580192430 }, extra: null, transactionId: 't1' };

  it('reads the token and its expiry (ms, or seconds scaled, or the requested period)', () => {
    expect(parseTokenAnswer(200, ok, 0, 3600)).toEqual({ token: 'eyJ.t', expiresAt: 1642580192430 });
    expect(parseTokenAnswer(200, { ...ok, data: { token: 'a', expiredTime: '1642580192' } }, 0, 3600).expiresAt).toBe(1642580192000);
    expect(parseTokenAnswer(200, { ...ok, data: { token: 'a' } }, 1_700_000_000_000, 60).expiresAt).toBe(1_700_000_060_000);
  });

  it.each([
    ['PARAMETER_ERROR', 'Signature error', /signature error/],
    ['PARAMETER_ERROR', 'Timestamp error', /timestamp error/],
    ['PARAMETER_ERROR', 'Parameter should not be empty', /invalid parameters/],
    ['ACCOUNT_DISABLED', 'Account Disabled', /disabled/],
    ['CLIENT_ERROR', 'HTTP 400 - Bad Request', /bad request/],
    ['SOMETHING_NEW', 'x', /undocumented/],
  ])('%s (%s) throws AdvanceTokenError with the code', (code, message, ours) => {
    const body = { code, message, data: null, transactionId: 'tx-7' };
    expect(() => parseTokenAnswer(200, body, 0, 3600)).toThrow(AdvanceTokenError);
    try {
      parseTokenAnswer(200, body, 0, 3600);
    } catch (error) {
      expect(error).toMatchObject({ code, reference: 'tx-7' });
      expect((error as Error).message).toMatch(ours);
    }
  });

  it('garbage or a SUCCESS without a token is an HTTP_<status> error', () => {
    expect(() => parseTokenAnswer(502, undefined, 0, 60)).toThrow(expect.objectContaining({ code: 'HTTP_502' }));
    expect(() => parseTokenAnswer(200, { code: 'SUCCESS', data: {} }, 0, 60)).toThrow(expect.objectContaining({ code: 'HTTP_200' }));
  });
});
