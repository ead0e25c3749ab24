import { z } from 'zod';
import type { EmailContent, EmailSenderContext } from '~/server/email/email.layout';

type TemplateRenderContext = EmailSenderContext & {
  /** Absolute portal URL for a path ('/inbox' -> 'https://…/inbox'). */
  url: (path: string) => string;
};

export type EmailTemplate<S extends z.ZodType = z.ZodType, G extends boolean = boolean> = {
  /** public: to families, volunteers, referrers (Reply-To goes to the coordinator). staff: to portal users. */
  audience: 'public' | 'staff';
  /** True: `queueEmail` must get `gemeente` (its name and coordinator appear in the mail). */
  needsGemeente: G;
  data: S;
  render: (data: z.output<S>, context: TemplateRenderContext) => EmailContent;
};

export function defineEmailTemplate<S extends z.ZodType, const G extends boolean>(
  template: EmailTemplate<S, G>,
): EmailTemplate<S, G> {
  return template;
}

/**
 * A path inside the portal ('/inbox/123'), never a full URL: links in our mails can only point
 * at the portal itself. The layout makes it absolute with PUBLIC_URL.
 */
export const portalPath = z.string().regex(/^\/(?![/\\])\S*$/, 'een pad binnen het portaal, beginnend met één /');

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const date = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});
export const formatDateTime = (d: Date) => dateTime.format(d);
export const formatDate = (d: Date) => date.format(d);
