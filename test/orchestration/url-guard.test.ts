import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/orchestration/input-error';
import { ImageUrlGuard, isBlockedAddress } from '../../src/orchestration/url-guard';

const resolveTo = (map: Record<string, string[]>) => async (host: string) => {
  if (!map[host]) throw new Error('ENOTFOUND');
  return map[host]!;
};

describe('image URL guard', () => {
  const guard = new ImageUrlGuard(
    ['127.0.0.1:4000'],
    resolveTo({
      'images.example.com': ['93.184.216.34'],
      'internal.example.com': ['10.1.2.3'],
      'rebind.example.com': ['93.184.216.34', '127.0.0.1'],
      'v6.example.com': ['2606:2800:220:1:248:1893:25c8:1946'],
    }),
  );
  const check = (url: string) => guard.checkUrl('input.documentFront.url', url);

  it.each([
    ['loopback IPv4', 'http://127.0.0.1:8080/a.jpg'],
    ['loopback elsewhere in 127/8', 'http://127.8.9.10/a.jpg'],
    ['loopback IPv6', 'http://[::1]/a.jpg'],
    ['localhost', 'http://localhost/a.jpg'],
    ['private 10/8', 'http://10.0.0.5/a.jpg'],
    ['private 172.16/12', 'http://172.20.1.1/a.jpg'],
    ['private 192.168/16', 'http://192.168.1.10/a.jpg'],
    ['carrier-grade NAT', 'http://100.64.0.1/a.jpg'],
    ['link-local / cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['metadata host name', 'http://metadata.google.internal/computeMetadata/v1/'],
    ['unique-local IPv6', 'http://[fd12:3456::1]/a.jpg'],
    ['link-local IPv6', 'http://[fe80::1]/a.jpg'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/a.jpg'],
    ['unspecified', 'http://0.0.0.0/a.jpg'],
    ['a name resolving to a private address', 'https://internal.example.com/a.jpg'],
    ['a name with one private address among public ones', 'https://rebind.example.com/a.jpg'],
  ])('%s is refused as BAD_USER_INPUT naming the field', async (_kind, url) => {
    const error = await check(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('input.documentFront.url');
    expect((error as Error).message).toMatch(/loopback, private, link-local or metadata/);
  });

  it.each([
    ['a public address', 'https://93.184.216.34/a.jpg'],
    ['a name resolving to public addresses', 'https://images.example.com/a.jpg'],
    ['a public IPv6 name', 'https://v6.example.com/a.jpg'],
    ['an explicitly allowed loopback host:port', 'http://127.0.0.1:4000/samples/pass.jpg'],
  ])('%s is accepted', async (_kind, url) => {
    await expect(check(url)).resolves.toBeUndefined();
  });

  it('the allowance is for that port only, and a name that does not resolve is refused', async () => {
    await expect(check('http://127.0.0.1:4001/a.jpg')).rejects.toThrow(InputError);
    await expect(check('https://nowhere.invalid/a.jpg')).rejects.toThrow(/does not resolve/);
  });

  it('classifies addresses', () => {
    expect(isBlockedAddress('8.8.8.8')).toBe(false);
    expect(isBlockedAddress('172.15.255.255')).toBe(false);
    expect(isBlockedAddress('172.16.0.0')).toBe(true);
  });
});
