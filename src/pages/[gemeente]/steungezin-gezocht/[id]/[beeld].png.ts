/**
 * Share images of a public profile: og.png (1200x630), vierkant.png (1080x1080, Instagram post),
 * verhaal.png (1080x1920, Instagram story). Made on this server (profiles.images.ts).
 */
import type { APIRoute } from 'astro';
import { conditional, profileDeps } from '~/server/profiles/profiles.http';
import { isImageFormat, renderProfileImage } from '~/server/profiles/profiles.images';
import { etagOf, getPublicProfile } from '~/server/profiles/profiles.usecases';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

export const GET: APIRoute = async ({ params, request }) => {
  const format = params.beeld ?? '';
  if (!isImageFormat(format))
    return new Response('Deze afbeelding bestaat niet.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  const found = await getPublicProfile(profileDeps(await getRuntime()), params.gemeente ?? '', params.id ?? '');
  if (found === null || found === 'gone' || found === 'found') {
    return new Response('Deze oproep staat niet (meer) online.', {
      status: found === null ? 404 : 410,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const headers = new Headers({ 'content-type': 'image/png' });
  const notModified = conditional(request, headers, etagOf([format, found.view]));
  if (notModified) return notModified;
  const png = await renderProfileImage(found.view, format);
  if (new URL(request.url).searchParams.has('download'))
    headers.set('content-disposition', `attachment; filename="steungezin-gezocht-${format}.png"`);
  return new Response(new Uint8Array(png), { headers });
};
