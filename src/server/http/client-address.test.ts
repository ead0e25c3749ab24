import { describe, expect, it } from 'vitest';
import { getClientAddress, isLoopbackAddress, normalizeAddress } from './client-address';

const source = (headers: Record<string, string>, socket: string | undefined | (() => never)) => ({
  request: new Request('http://localhost/x', { headers }),
  clientAddress: typeof socket === 'function' ? socket : () => socket,
});

describe('getClientAddress', () => {
  it('uses the socket address and ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(getClientAddress(source({ 'x-forwarded-for': '1.2.3.4' }, '10.0.0.7'), { trustProxy: false })).toBe(
      '10.0.0.7',
    );
  });

  it('behind a trusted proxy takes the last X-Forwarded-For entry, never the forgeable first', () => {
    const s = source({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, '10.0.0.7');
    expect(getClientAddress(s, { trustProxy: true })).toBe('203.0.113.9');
  });

  it('falls back to the socket when the header is missing or garbage', () => {
    expect(getClientAddress(source({ 'x-forwarded-for': 'nonsense' }, '10.0.0.7'), { trustProxy: true })).toBe(
      '10.0.0.7',
    );
    expect(getClientAddress(source({}, '10.0.0.7'), { trustProxy: true })).toBe('10.0.0.7');
  });

  it('survives Astro throwing for an unknown address', () => {
    expect(
      getClientAddress(
        source({}, () => {
          throw new Error('no address');
        }),
        { trustProxy: false },
      ),
    ).toBe('unknown');
  });

  it('normalises addresses', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeAddress('192.0.2.1:8080')).toBe('192.0.2.1');
    expect(normalizeAddress('<script>')).toBeUndefined();
  });
});

describe('isLoopbackAddress', () => {
  it('is true for this computer only', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.3.4.5']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', '2001:db8::1', '', undefined, 'localhost'])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });
});
