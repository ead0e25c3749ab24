/**
 * The HTML part of one development mail, as its own document. The Content-Security-Policy
 * `sandbox` directive gives it an opaque origin and no scripts, forms or plugins, so a mail can
 * never run code as the portal, even when opened directly. Development only (config.devTools, loopback): 404 otherwise, also through a proxy (edge.ts).
 */
import type { APIRoute } from 'astro';
import { getDevelopmentMail } from '~/server/email/dev-mailbox';
import { isLoopbackAddress } from '~/server/http/client-address';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

const MAIL_HTML_CSP =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const GET: APIRoute = async ({ params, rewrite, clientAddress }) => {
  const { config } = await getRuntime();
  if (!config.devTools || !isLoopbackAddress(clientAddress)) return rewrite('/404');
  let id = '';
  try {
    id = decodeURIComponent(params.id ?? '');
  } catch {
    // not a mail id
  }
  const mail = await getDevelopmentMail(config.dataDir, id);
  if (!mail?.html)
    return new Response('Deze e-mail heeft geen HTML-deel.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  return new Response(mail.html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': MAIL_HTML_CSP,
      'cache-control': 'no-store',
    },
  });
};
