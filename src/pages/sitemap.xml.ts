import type { APIRoute } from 'astro';
import { allGemeenten } from '~/layouts/gemeenten';
import { siteBase } from '~/layouts/site-url';
import { gemeentePages, nationalPages } from '~/lib/site';

// The recruitment profile lists are rendered on demand but are public and worth indexing.
const nationalPaths = [
  '/',
  ...nationalPages.map((page) => page.href),
  '/privacy',
  '/toegankelijkheid',
  '/steungezin-gezocht',
];

/** Every informational page; a new gemeente JSON file adds its pages here too. Per request: addresses use the PUBLIC_URL the server runs with. */
export const prerender = false;

export const GET: APIRoute = async (context) => {
  const base = siteBase(context);
  const gemeenten = (await allGemeenten()).filter((gemeente) => gemeente.status !== 'ended');
  const paths = [
    ...nationalPaths,
    ...gemeenten.flatMap((gemeente) => [
      ...gemeentePages(gemeente.slug).map((page) => page.href),
      `/${gemeente.slug}/steungezin-gezocht`,
    ]),
  ];
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    paths.map((path) => `  <url><loc>${new URL(path, base).href}</loc></url>`).join('\n') +
    '\n</urlset>\n';
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
