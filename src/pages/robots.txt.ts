import type { APIRoute } from 'astro';
import { siteBase } from '~/layouts/site-url';

/** Staff and tool pages stay out of search engines (they also send noindex). */
// Per request, so the Sitemap line uses the PUBLIC_URL the server runs with.
export const prerender = false;

export const GET: APIRoute = (context) => {
  const base = siteBase(context);
  const body = [
    'User-agent: *',
    'Disallow: /inbox',
    'Disallow: /inloggen',
    'Disallow: /dev/',
    'Disallow: /gemeenten/zoeken',
    '',
    `Sitemap: ${new URL('/sitemap.xml', base).href}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
