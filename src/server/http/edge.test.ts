import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  cameThroughProxy,
  isCrossOriginForm,
  isDevelopmentToolPath,
  pagePath,
  requestOrigin,
  sanitizeProxyHeaders,
  securityHeaders,
} from './edge';

const proxied = (): IncomingHttpHeaders => ({
  host: 'portaal.example.nl',
  'x-forwarded-for': '203.0.113.9',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'portaal.example.nl',
  'x-forwarded-port': '443',
  forwarded: 'for=203.0.113.9;proto=https',
});

describe('sanitizeProxyHeaders', () => {
  it('removes every proxy header when the proxy is not trusted (a client can send them itself)', () => {
    const headers = proxied();
    sanitizeProxyHeaders(headers, { publicUrl: 'https://portaal.example.nl', trustProxy: false });
    expect(headers).toEqual({ host: 'portaal.example.nl' });
  });

  it('behind a trusted proxy keeps the protocol and the public host, nothing else', () => {
    const headers = proxied();
    sanitizeProxyHeaders(headers, { publicUrl: 'https://portaal.example.nl', trustProxy: true });
    expect(headers).toEqual({
      host: 'portaal.example.nl',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'portaal.example.nl',
    });
  });

  it('drops a forwarded host that is not the public one, and a protocol that is not http(s)', () => {
    const headers: IncomingHttpHeaders = {
      host: 'localhost:4321',
      'x-forwarded-proto': 'javascript',
      'x-forwarded-host': 'evil.example',
    };
    sanitizeProxyHeaders(headers, { publicUrl: 'https://portaal.example.nl', trustProxy: true });
    expect(headers).toEqual({ host: 'localhost:4321' });
    const withPort: IncomingHttpHeaders = { 'x-forwarded-host': 'localhost:8443, other', 'x-forwarded-proto': 'HTTPS' };
    sanitizeProxyHeaders(withPort, { publicUrl: 'https://localhost:8443', trustProxy: true });
    expect(withPort).toEqual({ 'x-forwarded-host': 'localhost:8443', 'x-forwarded-proto': 'https' });
  });
});

describe('requestOrigin', () => {
  it('is the socket protocol and Host header, or what a trusted proxy says', () => {
    expect(requestOrigin({ host: 'localhost:4321' }, false)).toBe('http://localhost:4321');
    expect(requestOrigin({ host: 'localhost:4321' }, true)).toBe('https://localhost:4321');
    expect(
      requestOrigin(
        { host: 'app:4321', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'portaal.example.nl' },
        false,
      ),
    ).toBe('https://portaal.example.nl');
    expect(requestOrigin({}, false)).toBeUndefined();
    expect(requestOrigin({ host: 'bad host/' }, false)).toBeUndefined();
  });
});

describe('isCrossOriginForm (Astro origin check)', () => {
  const origin = 'https://portaal.example.nl';
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('lets reading requests and same-origin forms through', () => {
    expect(isCrossOriginForm('GET', { origin: 'https://evil.example' }, origin)).toBe(false);
    expect(isCrossOriginForm('HEAD', {}, origin)).toBe(false);
    expect(isCrossOriginForm('POST', { ...form, origin }, origin)).toBe(false);
    // JSON is not a form a foreign page can send without CORS.
    expect(isCrossOriginForm('POST', { 'content-type': 'application/json' }, origin)).toBe(false);
  });

  it('refuses a form from another origin, without Origin, or with an unknown own origin', () => {
    expect(isCrossOriginForm('POST', { ...form, origin: 'https://evil.example' }, origin)).toBe(true);
    expect(isCrossOriginForm('POST', form, origin)).toBe(true);
    expect(isCrossOriginForm('POST', { ...form, origin: 'http://portaal.example.nl' }, origin)).toBe(true);
    expect(isCrossOriginForm('POST', { 'content-type': 'text/plain', origin: 'null' }, origin)).toBe(true);
    expect(
      isCrossOriginForm('POST', { 'content-type': 'multipart/form-data; boundary=x', origin: 'https://x' }, origin),
    ).toBe(true);
    expect(isCrossOriginForm('DELETE', { origin: 'https://evil.example' }, origin)).toBe(true);
    expect(isCrossOriginForm('POST', { ...form, origin }, undefined)).toBe(true);
  });
});

describe('development tools', () => {
  it('recognises the paths and requests that came through a proxy', () => {
    expect(isDevelopmentToolPath('/dev/mailbox')).toBe(true);
    expect(isDevelopmentToolPath('/DEV/mailbox?x=1')).toBe(true);
    expect(isDevelopmentToolPath('/dev%2Fmailbox')).toBe(true);
    expect(isDevelopmentToolPath('/developers')).toBe(false);
    expect(cameThroughProxy({ 'x-real-ip': '1.2.3.4' })).toBe(true);
    expect(cameThroughProxy({ host: 'localhost' })).toBe(false);
  });
});

describe('securityHeaders', () => {
  it('sends HSTS only when people use https', () => {
    expect(securityHeaders('https://portaal.example.nl')['strict-transport-security']).toBe('max-age=31536000');
    expect(securityHeaders('http://localhost:4321')['strict-transport-security']).toBeUndefined();
    expect(securityHeaders('http://localhost:4321')['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('pagePath', () => {
  it('names the prerendered page a request is for', () => {
    expect(pagePath('/')).toBe('/');
    expect(pagePath('/index.html')).toBe('/');
    expect(pagePath('/privacy?x=1')).toBe('/privacy');
    expect(pagePath('/privacy.html')).toBe('/privacy');
    expect(pagePath('/privacy/')).toBe('/privacy');
    expect(pagePath('/beekdaelen/aanmelden/index.html')).toBe('/beekdaelen/aanmelden');
    expect(pagePath('/%E0%A4%A')).toBe('/%E0%A4%A');
  });
});
