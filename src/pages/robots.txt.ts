import type { APIRoute } from 'astro';

/** Staff and tool pages stay out of search engines (they also send noindex). */
export const GET: APIRoute = ({ site, url }) => {
  const base = site ?? new URL(url.origin);
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
