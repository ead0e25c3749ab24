/**
 * The private agenda feed of a staff member (iCalendar, for Google Agenda, Outlook, Apple
 * Agenda): the secret in the address is the only key, so no session is needed. An unknown or
 * renewed secret is a 404. The events hold no names or details, only a link into the portal.
 */
import type { APIRoute } from 'astro';
import { calendarFeed } from '~/server/calendar/calendar.usecases';
import { calendarDeps } from '~/server/koppelingen/koppelingen.http';
import { getRuntime } from '~/server/runtime/runtime';

export const prerender = false;

export const GET: APIRoute = async ({ params }) => {
  const body = await calendarFeed(calendarDeps(await getRuntime()), params.token ?? '');
  if (body === null)
    return new Response('Deze agenda bestaat niet (meer).', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  return new Response(body, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
    },
  });
};
