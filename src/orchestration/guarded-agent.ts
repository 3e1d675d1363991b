import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { isBlockedAddress } from './blocked-addresses';

/** Resolves a name to all its addresses: node:dns in production, a fixed answer in tests. */
export type ResolveAll = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/** Whether host (without brackets), port ('' for the default) and protocol may be connected to whatever their address. */
export type HostAllowance = (hostname: string, port: string, protocol: string) => boolean;

/** A connection refused for its address. The message names no address or URL: it may reach logs. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_IMAGE_ADDRESS_BLOCKED';

  constructor() {
    super('the image host is, or resolves to, a non-public address');
    this.name = 'BlockedAddressError';
  }
}

/**
 * An undici Agent for the gateway's own image fetches that checks the address each connection is
 * actually made to. ImageUrlGuard checked the URL when the request came in, but a name resolved again
 * at connect time can answer differently (DNS rebinding: a public address for the check, 127.0.0.1 for
 * the fetch), so here the resolution the socket uses is the one checked, every address of it. An IP
 * address is connected to without a lookup, so it is checked before. Hosts `allows` accepts
 * (IMAGE_URL_ALLOW, the simulators in development) connect unchecked, as the guard lets them through.
 */
export function createGuardedAgent(allows: HostAllowance, resolveAll: ResolveAll = resolveAllWithDns): Agent {
  const unchecked = buildConnector({});
  const checked = buildConnector({ lookup: checkedLookup(resolveAll) });
  return new Agent({
    connect: (options, callback) => {
      if (allows(options.hostname, options.port, options.protocol)) return unchecked(options, callback);
      if (isIP(options.hostname) && isBlockedAddress(options.hostname)) return callback(new BlockedAddressError(), null);
      return checked(options, callback);
    },
  });
}

/** net.connect's lookup, refusing a name when any of its addresses is blocked (as the guard does). */
function checkedLookup(resolveAll: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, options, (error, addresses) => {
      if (error) return callback(error, '');
      if (addresses.length === 0 || addresses.some((a) => isBlockedAddress(a.address))) return callback(new BlockedAddressError(), '');
      // net asks for every address when it races IPv4 and IPv6 (autoSelectFamily), else for one.
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

const resolveAllWithDns: ResolveAll = (hostname, options, callback) => lookup(hostname, { ...options, all: true }, callback);
