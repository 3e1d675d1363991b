import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { VerificationRequest } from '../vendors/vendor';
import { InputError } from './input-error';

/** Loopback, private, link-local (cloud metadata lives there), carrier-grade NAT, unspecified, and their IPv6 kin. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fd00:ec2::', 32],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return BLOCKED.check(address, 'ipv4');
}

/**
 * Refuses image URLs that point inside the network the gateway runs in (SSRF): a host that is, or
 * resolves to, a loopback, private, link-local or metadata address, unless its host[:port] is allowed
 * by configuration (IMAGE_URL_ALLOW; in development the gateway's own sample images).
 */
export class ImageUrlGuard {
  private readonly allow: string[];

  constructor(
    allow: readonly string[],
    private readonly resolve: (host: string) => Promise<string[]> = async (host) => (await lookup(host, { all: true })).map((a) => a.address),
  ) {
    this.allow = allow.map((a) => a.toLowerCase());
  }

  /** Allows more host[:port] entries (the gateway's and the simulators' own loopback addresses in development). */
  allowHost(...hostPorts: string[]): void {
    this.allow.push(...hostPorts.map((h) => h.toLowerCase().replace(/^\[|\](?=:)/g, '')));
  }

  async check(request: VerificationRequest): Promise<void> {
    for (const [field, image] of [
      ['input.documentFront.url', request.documentFront],
      ['input.documentBack.url', request.documentBack],
    ] as const) {
      if (image?.kind === 'url') await this.checkUrl(field, image.url);
    }
  }

  async checkUrl(field: string, url: string): Promise<void> {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
    if (this.allow.includes(`${host}:${port}`) || this.allow.includes(host)) return;
    if (METADATA_HOSTS.has(host) || host === 'localhost' || host.endsWith('.localhost')) throw refused(field);
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      try {
        addresses = await this.resolve(host);
      } catch {
        throw new InputError(field, 'the host name does not resolve');
      }
    }
    if (addresses.some(isBlockedAddress)) throw refused(field);
  }
}

function refused(field: string): InputError {
  return new InputError(field, 'points at a loopback, private, link-local or metadata address, which is not allowed');
}
