/** /storing.html: the outage page as a static file, for nginx to show when no web instance answers. */
import type { APIRoute } from 'astro';
import { outagePageHtml } from '~/server/http/outage-page';

export const GET: APIRoute = () =>
  new Response(outagePageHtml(), { headers: { 'content-type': 'text/html; charset=utf-8' } });
