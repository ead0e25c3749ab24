/**
 * The development mailbox: the .eml files the file transport writes to DATA_DIR/mail, read back
 * for /dev/mailbox. Development only; the pages return 404 in production.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { developmentMailDir } from './mail-transport';

export type DevelopmentMailSummary = { id: string; date: Date | undefined; to: string; subject: string };
export type DevelopmentMail = DevelopmentMailSummary & {
  from: string;
  replyTo: string | undefined;
  messageId: string | undefined;
  text: string;
  /** The HTML part as sent: show it only in a sandboxed frame, never inline in the portal. */
  html: string | undefined;
};

/** File names the transport writes: `<UTC stamp>-<message id>` (see developmentMailFileName). */
const MAIL_ID = /^[0-9TZ]{16}-[A-Za-z0-9._@-]{1,200}$/;

async function parse(file: string) {
  // mailparser is only needed here, in development.
  const { simpleParser } = await import('mailparser');
  return simpleParser(await fs.readFile(file));
}

const addressText = (value: { text: string } | { text: string }[] | undefined) =>
  value === undefined ? '' : Array.isArray(value) ? value.map((v) => v.text).join(', ') : value.text;

/** Newest first, at most `limit`. An absent folder is an empty mailbox. */
export async function listDevelopmentMails(
  dataDir: string,
  { limit = 100 }: { limit?: number } = {},
): Promise<DevelopmentMailSummary[]> {
  const dir = developmentMailDir(dataDir);
  const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const ids = names
    .filter((n) => n.endsWith('.eml'))
    .map((n) => n.slice(0, -4))
    .filter((id) => MAIL_ID.test(id))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(
    ids.map(async (id) => {
      const mail = await parse(path.join(dir, `${id}.eml`));
      return { id, date: mail.date, to: addressText(mail.to), subject: mail.subject ?? '(geen onderwerp)' };
    }),
  );
}

/** One mail by id, or undefined (unknown id, or an id that is not a mail file name). */
export async function getDevelopmentMail(dataDir: string, id: string): Promise<DevelopmentMail | undefined> {
  if (!MAIL_ID.test(id)) return undefined;
  const file = path.join(developmentMailDir(dataDir), `${id}.eml`);
  const mail = await parse(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!mail) return undefined;
  return {
    id,
    date: mail.date,
    to: addressText(mail.to),
    from: addressText(mail.from),
    replyTo: mail.replyTo ? addressText(mail.replyTo) : undefined,
    subject: mail.subject ?? '(geen onderwerp)',
    messageId: mail.messageId,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : undefined,
  };
}

/** The outbox id in a file name the transport wrote for an outbox message (`<stamp>-<uuid>@<domain>.eml`). */
const OUTBOX_FILE = /^[0-9TZ]{16}-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[A-Za-z0-9._-]+\.eml$/;

/**
 * Deletes the mail files about someone whose data is deleted (privacy: retention or a request):
 * files named after one of `outboxIds` (the Message-ID is the outbox id) or whose text contains
 * one of `needles` (an address, a sign-up's id in a link). Quoted-printable soft line breaks are
 * joined first, so a long link still matches. With `existingOutboxIds` (the retention job's sweep)
 * also every file written for an outbox message that no longer exists: what a crash between the
 * commit and this deletion left behind, and mail whose message the outbox worker purged. Files
 * the transport did not write for an outbox message are left alone. With `dryRun` it only counts.
 * Returns how many.
 */
export async function deleteDevelopmentMails(
  dataDir: string,
  about: {
    outboxIds: readonly string[];
    needles: readonly string[];
    existingOutboxIds?: (ids: string[]) => Promise<ReadonlySet<string>>;
  },
  { dryRun = false } = {},
): Promise<number> {
  const dir = developmentMailDir(dataDir);
  const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const mailNames = names.filter((n) => n.endsWith('.eml'));
  let orphans = new Set<string>();
  if (about.existingOutboxIds) {
    const written = new Map(
      mailNames.flatMap(
        (name) =>
          OUTBOX_FILE.exec(name)
            ?.slice(1, 2)
            .map((id) => [name, id] as const) ?? [],
      ),
    );
    const existing = await about.existingOutboxIds([...new Set(written.values())]);
    orphans = new Set([...written].filter(([, id]) => !existing.has(id)).map(([name]) => name));
  }
  const needles = about.needles.filter((needle) => needle.length >= 6).map((needle) => needle.toLowerCase());
  let deleted = 0;
  for (const name of mailNames) {
    const file = path.join(dir, name);
    let matches = orphans.has(name) || about.outboxIds.some((id) => name.includes(id));
    if (!matches && needles.length > 0) {
      const text = await fs.readFile(file, 'utf8').catch(() => '');
      const joined = text.replace(/=\r?\n/g, '').toLowerCase();
      matches = needles.some((needle) => joined.includes(needle));
    }
    if (!matches) continue;
    if (!dryRun) await fs.rm(file, { force: true });
    deleted++;
  }
  return deleted;
}
