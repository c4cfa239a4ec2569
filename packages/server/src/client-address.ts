import { isIP } from 'node:net';

/** `::ffff:127.0.0.1` is how a dual-stack socket reports an IPv4 peer: keep the IPv4 form. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** A proxy's entry as an address: brackets and a port (`[2001:db8::1]:443`, `1.2.3.4:80`) go. */
function addressInEntry(entry: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry);
  const candidate = bracketed?.[1] ?? withPort?.[1] ?? entry;
  return isIP(candidate) ? normalizeAddress(candidate) : null;
}

/**
 * The client's address of one request, worked out once by the app server and handed to the
 * API (never through a header the client could send). With no trusted proxy (`hops` 0, the
 * default) it is the connection's own address: nothing a client sends changes it. Behind
 * `hops` reverse proxies that each append the address they received the request from to
 * `X-Forwarded-For`, it is the `hops`-th entry from the right, the address the outermost trusted
 * proxy saw; anything further left is the client's own claim and is ignored. With fewer entries
 * than hops (the request skipped a proxy), the leftmost entry is the best a trusted proxy saw.
 * An entry that is not an address means a misconfigured proxy: the connection's address counts.
 */
export function clientAddressOf(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  hops: number,
): string | null {
  const own = socketAddress ? normalizeAddress(socketAddress) : null;
  if (hops === 0 || !forwardedFor) return own;
  const entries = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return own;
  const chosen = entries[Math.max(0, entries.length - hops)] ?? '';
  return addressInEntry(chosen) ?? own;
}
