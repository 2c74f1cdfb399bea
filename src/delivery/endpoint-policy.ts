import { lookup as lookupCallback, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface EndpointPolicy {
  allowHttp: boolean;
  allowPrivateAddresses: boolean;
}

/**
 * Whether the hub must not connect to this address. Classified by ipaddr.js, which knows
 * every special range of RFC 6890 and its successors and unwraps the IPv6 forms that
 * carry an IPv4 address (mapped, compatible): anything but a public unicast address is
 * refused — loopback, private, link-local, CGNAT, multicast, reserved, documentation,
 * NAT64, 6to4 and Teredo (whose packets reach an IPv4 address the hub cannot check).
 */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.process(address);
  // ::/96 holds the deprecated IPv4-compatible addresses (RFC 4291 §2.5.5.1), `::7f00:1` among them, which
  // ipaddr.js calls unicast when they are written in hex.
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) return true;
  return parsed.range() !== 'unicast';
}

const IPV4_COMPATIBLE: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('::'), 96];

/**
 * Why the hub will not POST to this endpoint, or undefined when it may. Checked
 * at delivery time, on every address the name resolves to, so that a partner's
 * endpoint cannot be pointed at the hub's own network (SSRF).
 */
export async function endpointRefusal(endpoint: string, policy: EndpointPolicy, resolve: (host: string) => Promise<string[]> = resolveAll): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'the endpoint is not a URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) return `the endpoint must use https (got ${url.protocol})`;
  if (url.username || url.password) return 'the endpoint must not carry credentials';
  if (policy.allowPrivateAddresses) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return `the endpoint's host ${host} does not resolve`;
  }
  const blocked = addresses.find(isPrivateAddress);
  return blocked ? `the endpoint resolves to ${blocked}, a private or loopback address` : undefined;
}

/** Every address a host name resolves to (the check endpointRefusal makes by default). */
export async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for outgoing connections that refuses private and loopback
 * addresses at connect time, so that a name cannot resolve to a public address
 * when checked and to an internal one when used (DNS rebinding).
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void {
  lookupCallback(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
    if (blocked) {
      const refusal = Object.assign(new Error(`${hostname} resolves to ${blocked.address}, a private or loopback address`), { code: 'EPRIVATEADDRESS' });
      return callback(refusal, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
