/** Atom feed of the open profiles of one gemeente (for feed readers and social-media tools). */
import type { APIRoute } from 'astro';
import { allGemeenten } from '~/layouts/gemeenten';
import { profilesAtomFeed } from '~/server/profiles/profiles.feed';
import { conditional, profileDeps } from '~/server/profiles/profiles.http';
import { etagOf, feedProfiles } from '~/server/profiles/profiles.usecases';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

export const GET: APIRoute = async ({ params, request }) => {
  const gemeente = (await allGemeenten()).find((entry) => entry.slug === params.gemeente);
  if (!gemeente)
    return new Response('Deze gemeente kennen we niet.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  const runtime = await getRuntime();
  const items = await feedProfiles(profileDeps(runtime), gemeente.slug);
  const headers = new Headers({ 'content-type': 'application/atom+xml; charset=utf-8' });
  const notModified = conditional(request, headers, etagOf(items));
  if (notModified) return notModified;
  const xml = profilesAtomFeed({
    base: `${runtime.config.publicUrl}/`,
    gemeente: { slug: gemeente.slug, name: gemeente.name },
    profiles: items,
  });
  return new Response(xml, { headers });
};
