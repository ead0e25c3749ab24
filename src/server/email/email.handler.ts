/**
 * The outbox handler for topic 'email': renders the queued template and hands it to the
 * transport. The Message-ID is derived from the outbox id, so a re-send after a crash is the
 * same logical message for every mail client.
 */
import { site } from '~/lib/site';
import { type OutboxHandler, PermanentDeliveryError } from '~/server/outbox/outbox.handlers';
import { renderQueuedEmail } from './email.render';
import { EMAIL_TOPIC, type EmailPayload } from './email.usecases';
import { isPermanentMailError, type MailTransport } from './mail-transport';
import { emailTemplates } from './templates';

function messageIdFor(outboxId: string, mailFrom: string): string {
  const domain = /@([^\s<>]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'buurtgezinnen.nl';
  return `<${outboxId}@${domain}>`;
}

export function createEmailOutboxHandler({
  transport,
  mailFrom,
  publicUrl,
}: {
  transport: MailTransport;
  mailFrom: string;
  publicUrl: string;
}): OutboxHandler<EmailPayload> {
  return {
    topic: EMAIL_TOPIC,
    deliver: async ({ messageId, payload, createdAt }) => {
      let rendered: ReturnType<typeof renderQueuedEmail>;
      try {
        rendered = renderQueuedEmail(payload, { publicUrl });
      } catch (error) {
        // A payload that cannot be rendered will not render on the next try either.
        throw new PermanentDeliveryError(`template ${String(payload.template)} kon niet worden opgemaakt`, {
          cause: error,
        });
      }
      const publicMail = emailTemplates[payload.template].audience === 'public';
      try {
        await transport.send({
          messageId: messageIdFor(messageId, mailFrom),
          date: createdAt,
          from: mailFrom,
          to: payload.to,
          // Replies to a family or volunteer reach a person, not the no-reply sender.
          replyTo: publicMail ? (payload.context.coordinator?.email ?? site.office.email) : undefined,
          ...rendered,
        });
      } catch (error) {
        if (isPermanentMailError(error)) throw new PermanentDeliveryError(describeMailError(error), { cause: error });
        throw new Error(describeMailError(error), { cause: error });
      }
    },
  };
}

/** Code and message of a mail error, with addresses removed (they end up in logs and the table). */
function describeMailError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const parts = [e?.code, e?.responseCode, e?.message ?? String(error)].filter((p) => p !== undefined && p !== '');
  return redactAddresses(parts.join(' ')).slice(0, 500);
}

const redactAddresses = (text: string) => text.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<adres>');
