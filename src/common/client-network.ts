import ipaddr from 'ipaddr.js';

/**
 * The network a client address belongs to, for counting requests: an IPv4 /24 or an IPv6
 * /64 (what one subscriber or one host usually holds), so that a client cannot reset its
 * budget by moving to the next address of its own network. An IPv4 address mapped into
 * IPv6 counts as the IPv4 address it is.
 */
export function clientNetwork(address: string): string {
  if (!ipaddr.isValid(address)) return `unknown:${address}`;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') {
    const [a, b, c] = (parsed as ipaddr.IPv4).octets;
    return `${a}.${b}.${c}.0/24`;
  }
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}

/** TRUSTED_PROXIES as Fastify's trustProxy takes it (an array of addresses and CIDR ranges), or false. */
export function trustedProxies(setting: string | undefined): string[] | false {
  const entries = (setting ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries.length > 0 ? entries : false;
}
