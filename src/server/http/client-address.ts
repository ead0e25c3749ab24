/**
 * The address a request comes from, for rate limits and abuse logs.
 *
 * By default this is the socket address Astro's Node adapter reports (`clientAddress`).
 * `X-Forwarded-For` is only believed when `TRUST_PROXY` is on (the portal runs behind our own
 * proxy), and then only its LAST entry: that is the one our proxy appended; everything left of
 * it was written by the client and can be forged (epic-stack issue 682).
 */
import { isIP } from 'node:net';

export type ClientAddressSource = {
  request: Request;
  /** Astro's `context.clientAddress`, passed as a function because Astro's getter can throw. */
  clientAddress: () => string | undefined;
};

export function getClientAddress(
  { request, clientAddress }: ClientAddressSource,
  { trustProxy }: { trustProxy: boolean },
): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    const address = last ? normalizeAddress(last) : undefined;
    if (address) return address;
  }
  let socket: string | undefined;
  try {
    socket = clientAddress();
  } catch {
    socket = undefined;
  }
  return (socket && normalizeAddress(socket)) || 'unknown';
}

/** A valid IP address in a canonical form (IPv4-mapped IPv6 becomes plain IPv4), or undefined. */
export function normalizeAddress(raw: string): string | undefined {
  let value = raw.trim();
  // "[::1]:1234" or "1.2.3.4:5678" from some proxies.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  if (!isIP(value)) return undefined;
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) return mapped[1]!;
  return value.toLowerCase();
}

/** Whether an address is this computer (127.0.0.0/8, ::1, or IPv4-mapped loopback). */
export function isLoopbackAddress(raw: string | undefined): boolean {
  const address = raw ? normalizeAddress(raw) : undefined;
  return address === '::1' || (address?.startsWith('127.') ?? false);
}
