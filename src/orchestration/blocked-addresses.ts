import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses an image URL may not reach: every address that is not public unicast, since any
 * of them can lead into the network the gateway runs in (SSRF). IPv4 follows the IANA special-purpose
 * registry; IPv6 is allowed only in global unicast (2000::/3) and in the two forms that carry an IPv4
 * address the host really connects to (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96), and each
 * IPv4 range is also refused inside those forms and inside 6to4 (2002::/16), which a relay delivers
 * to the embedded IPv4. Everything else is refused, whatever a future registry adds there.
 */

/** IPv4 ranges that are not public unicast. */
const IPV4_SPECIAL: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, where cloud metadata answers (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments (DS-Lite, NAT64 discovery, ...)
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address 255.255.255.255
];

/** IPv6 ranges that are refused although they lie in global unicast. */
const IPV6_SPECIAL: readonly (readonly [string, number])[] = [
  ['2001::', 23], // IETF protocol assignments: Teredo (2001::/32, an obfuscated IPv4 inside), benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
];

/** Where IPv6 may point: global unicast, and the forms that carry an IPv4 address (checked as IPv4). */
const IPV6_USABLE = new BlockList();
IPV6_USABLE.addSubnet('2000::', 3, 'ipv6');
IPV6_USABLE.addSubnet('::ffff:0.0.0.0', 96, 'ipv6');
IPV6_USABLE.addSubnet('64:ff9b::', 96, 'ipv6');

const SPECIAL = new BlockList();
for (const [net, prefix] of IPV4_SPECIAL) {
  SPECIAL.addSubnet(net, prefix, 'ipv4');
  SPECIAL.addSubnet(`::ffff:${net}`, 96 + prefix, 'ipv6');
  SPECIAL.addSubnet(`64:ff9b::${net}`, 96 + prefix, 'ipv6');
  SPECIAL.addSubnet(sixToFour(net), 16 + prefix, 'ipv6');
}
for (const [net, prefix] of IPV6_SPECIAL) SPECIAL.addSubnet(net, prefix, 'ipv6');

/** 2002:AABB:CCDD:: for A.B.C.D: the 6to4 prefix of an IPv4 address. */
function sixToFour(ipv4: string): string {
  const [a, b, c, d] = ipv4.split('.').map((n) => Number(n).toString(16).padStart(2, '0'));
  return `2002:${a}${b}:${c}${d}::`;
}

/** Whether `address` (an IP address) may not be reached from an image URL; anything not an IP address is refused too. */
export function isBlockedAddress(address: string): boolean {
  // A zone (fe80::1%eth0) only goes with link-local and multicast addresses.
  if (address.includes('%')) return true;
  const family = isIP(address);
  if (family === 4) return SPECIAL.check(address, 'ipv4');
  if (family === 6) return !IPV6_USABLE.check(address, 'ipv6') || SPECIAL.check(address, 'ipv6');
  return true;
}
