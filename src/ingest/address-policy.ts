/**
 * Which network addresses a server-side fetch of a user-supplied URL may reach.
 * Everything that is not a public unicast address is refused: loopback, private,
 * link-local, unique-local, carrier-grade NAT, "this network", multicast and
 * reserved/documentation ranges. IPv4-mapped IPv6 addresses (::ffff:10.0.0.1)
 * are checked against the IPv4 rules by `net.BlockList` itself.
 */
import { BlockList, isIP } from 'node:net';

const IPV4_BLOCKED: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including cloud metadata endpoints
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, including broadcast
];

const IPV6_BLOCKED: readonly [string, number][] = [
  ['::', 96], // unspecified, loopback and IPv4-compatible
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [network, prefix] of IPV4_BLOCKED) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of IPV6_BLOCKED) blocked.addSubnet(network, prefix, 'ipv6');

/** True for any address a fetch must not connect to; also true for a string that is not an IP. */
export function isForbiddenAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true;
  return blocked.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * True when the URL's host is allow-listed, either by bare hostname (any port)
 * or as `host:port` (the default port counts when the URL omits it). IPv6
 * entries may be written with or without brackets when no port is given.
 */
export function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  if (allowHosts.length === 0) return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const accepted = new Set([host, `${host}:${port}`, unbracket(host)]);
  return allowHosts.some((entry) => accepted.has(entry.trim().toLowerCase().replace(/\.$/, '')));
}

export function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
