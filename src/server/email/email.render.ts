import { type RenderedEmail, renderEmail } from './email.layout';
import type { EmailPayload } from './email.usecases';
import { emailTemplates, isEmailTemplateName } from './templates';

/** Turns a queued e-mail into subject, HTML and text, with links on `publicUrl`. */
export function renderQueuedEmail(payload: EmailPayload, { publicUrl }: { publicUrl: string }): RenderedEmail {
  if (!isEmailTemplateName(payload.template)) throw new Error(`unknown e-mail template "${String(payload.template)}"`);
  const template = emailTemplates[payload.template];
  // Parse again: dates come back from JSON as strings, and defaults apply.
  const data = template.data.parse(payload.data);
  const base = publicUrl.replace(/\/+$/, '');
  const content = (template.render as (d: unknown, c: unknown) => ReturnType<typeof template.render>)(data, {
    ...payload.context,
    url: (path: string) => `${base}${path}`,
  });
  return renderEmail(content, payload.context);
}
