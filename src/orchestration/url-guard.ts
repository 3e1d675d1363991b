import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { VerificationRequest } from '../vendors/vendor';
import { isBlockedAddress } from './blocked-addresses';
import { InputError } from './input-error';

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

/**
 * Refuses image URLs that point inside the network the gateway runs in (SSRF): a host that is, or
 * resolves to, a loopback, private, link-local, metadata or other non-public address, unless its
 * host[:port] is allowed by configuration (IMAGE_URL_ALLOW; in development the gateway's own sample
 * images). This check answers the client at once; the gateway's own image fetches are checked again
 * on the address they connect to (guarded-agent.ts), since a name can resolve differently a moment later.
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

  /** Whether host[:port] is allowed whatever it resolves to; `host` without brackets, `port` '' for the protocol's default. */
  allows(host: string, port: string, protocol: string): boolean {
    const h = host.toLowerCase();
    const p = port || (protocol === 'https:' ? '443' : '80');
    return this.allow.includes(`${h}:${p}`) || this.allow.includes(h);
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
    if (this.allows(host, parsed.port, parsed.protocol)) return;
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
  return new InputError(field, 'points at a loopback, private, link-local, metadata or other non-public address, which is not allowed');
}
