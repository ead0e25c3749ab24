/**
 * Share images of a public profile: og.png (1200x630), vierkant.png (1080x1080, Instagram post),
 * verhaal.png (1080x1920, Instagram story). Made on this server (profiles.images.ts).
 * `og.<version>.png` is the content-addressed form the page announces as og:image: while the
 * version is the profile's current one it may be cached for a week (a link preview storm then
 * costs nothing); otherwise it is the current image, checked again on every use (decision 023).
 */
import type { APIRoute } from 'astro';
import { conditional, profileDeps } from '~/server/profiles/profiles.http';
import { imageVersion, parseImageName, renderProfileImage } from '~/server/profiles/profiles.images';
import { etagOf, getPublicProfile } from '~/server/profiles/profiles.usecases';
import { publicPage, REVALIDATE_EVERY_VISIT, SHARE_IMAGE } from '~/server/public-pages/public-pages.http';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

const textAnswer = (text: string, status: number, route: string) => {
  const headers = new Headers({ 'content-type': 'text/plain; charset=utf-8' });
  publicPage(headers, { route, cacheControl: REVALIDATE_EVERY_VISIT });
  return new Response(text, { status, headers });
};

export const GET: APIRoute = async ({ params, request, routePattern }) => {
  const image = parseImageName(params.beeld ?? '');
  if (!image) return textAnswer('Deze afbeelding bestaat niet.', 404, routePattern);
  const found = await getPublicProfile(profileDeps(await getRuntime()), params.gemeente ?? '', params.id ?? '');
  if (found === null || found === 'gone' || found === 'found')
    return textAnswer('Deze oproep staat niet (meer) online.', found === null ? 404 : 410, routePattern);
  const headers = new Headers({ 'content-type': 'image/png' });
  const notModified = conditional(request, headers, etagOf([image.format, found.view]));
  if (notModified) return notModified;
  const png = await renderProfileImage(found.view, image.format);
  if (new URL(request.url).searchParams.has('download'))
    headers.set('content-disposition', `attachment; filename="steungezin-gezocht-${image.format}.png"`);
  const current = image.version === imageVersion(found.view, image.format);
  publicPage(headers, { route: routePattern, cacheControl: current ? SHARE_IMAGE : headers.get('cache-control')! });
  return new Response(new Uint8Array(png), { headers });
};
