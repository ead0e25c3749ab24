/**
 * Where e-mail physically goes. With SMTP_URL: nodemailer over SMTP (TLS and other options as
 * query parameters of the URL, see .env.example). Without: every mail is written as an .eml
 * file under DATA_DIR/mail, shown by the development mailbox (/dev/mailbox).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

type OutgoingMail = {
  /** Full header value, e.g. '<0f3c…@buurtgezinnen.nl>': the same on every re-send. */
  messageId: string;
  /** The logical send date (when the mail was queued), also the same on every re-send. */
  date: Date;
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
};

export type MailTransport = {
  kind: 'smtp' | 'files';
  send: (mail: OutgoingMail) => Promise<void>;
  close: () => void;
};

/** Default timeouts so a hanging server cannot hold a delivery longer than the outbox lease. */
const SMTP_DEFAULTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

export function createMailTransport({
  smtpUrl,
  dataDir,
}: {
  smtpUrl: string | undefined;
  dataDir: string;
}): MailTransport {
  if (smtpUrl) {
    // Query parameters of SMTP_URL (tls.rejectUnauthorized, requireTLS, connectionTimeout …) win.
    const transporter = nodemailer.createTransport({ ...SMTP_DEFAULTS, url: smtpUrl });
    return {
      kind: 'smtp',
      send: async (mail) => {
        await transporter.sendMail(toNodemailer(mail));
      },
      close: () => transporter.close(),
    };
  }
  const mailDir = developmentMailDir(dataDir);
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    send: async (mail) => {
      const info = (await transporter.sendMail(toNodemailer(mail))) as { message: Buffer };
      // Named by queue time and message id: a re-send overwrites the same file.
      const file = path.join(mailDir, developmentMailFileName(mail));
      const temporary = `${file}.${process.pid}.tmp`;
      // The folder is made when a write finds it missing (the first mail, or after someone removed
      // it), not before every mail (about 4% of the process's time in a sign-up spike, issue 18).
      await fs.writeFile(temporary, info.message).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        await fs.mkdir(mailDir, { recursive: true });
        await fs.writeFile(temporary, info.message);
      });
      await fs.rename(temporary, file);
    },
    close: () => transporter.close(),
  };
}

export const developmentMailDir = (dataDir: string) => path.join(dataDir, 'mail');

function developmentMailFileName(mail: Pick<OutgoingMail, 'date' | 'messageId'>): string {
  const stamp = mail.date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const id = mail.messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_');
  return `${stamp}-${id}.eml`;
}

function toNodemailer(mail: OutgoingMail): Mail.Options {
  return {
    messageId: mail.messageId,
    date: mail.date,
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    // No tracking, no list: a transactional mail from the portal.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** SMTP said no for good (5xx, except 503 "bad sequence"), or the address itself is unusable. */
export function isPermanentMailError(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (e?.code === 'EENVELOPE' && e.responseCode === undefined) return true;
  return typeof e?.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503;
}
