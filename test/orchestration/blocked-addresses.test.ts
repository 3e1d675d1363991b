import { describe, expect, it } from 'vitest';
import { isBlockedAddress } from '../../src/orchestration/blocked-addresses';

describe('isBlockedAddress', () => {
  it('classifies addresses', () => {
    expect(isBlockedAddress('8.8.8.8')).toBe(false);
    expect(isBlockedAddress('172.15.255.255')).toBe(false);
    expect(isBlockedAddress('172.16.0.0')).toBe(true);
  });

  it('classifies the IPv4 inside IPv6 forms as the IPv4 itself, and refuses IPv6 outside global unicast', () => {
    for (const [v4, blocked] of [
      ['10.0.0.1', true],
      ['127.0.0.1', true],
      ['169.254.169.254', true],
      ['100.64.0.1', true],
      ['8.8.8.8', false],
    ] as const) {
      const [a, b, c, d] = v4.split('.').map((n) => Number(n).toString(16).padStart(2, '0'));
      expect(isBlockedAddress(`::ffff:${v4}`), `mapped ${v4}`).toBe(blocked);
      expect(isBlockedAddress(`64:ff9b::${v4}`), `NAT64 ${v4}`).toBe(blocked);
      expect(isBlockedAddress(`2002:${a}${b}:${c}${d}::1`), `6to4 ${v4}`).toBe(blocked);
      expect(isBlockedAddress(`::${v4}`), `compatible ${v4}`).toBe(true);
    }
    for (const v6 of ['4000::1', '5f00::1', 'e000::1', 'fe80::1%eth0', 'fd00:ec2::254', '3fff::1']) expect(isBlockedAddress(v6), v6).toBe(true);
    expect(isBlockedAddress('2a00:1450:4001:81c::200e')).toBe(false);
    expect(isBlockedAddress('not-an-address')).toBe(true);
  });
});
