import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { getDevelopmentMail, listDevelopmentMails } from './dev-mailbox';
import { createMailTransport, isPermanentMailError } from './mail-transport';

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mail-transport-'));
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

const mail = (n: number, date: string) => ({
  messageId: `<0000000${n}-aaaa-bbbb-cccc-dddddddddddd@buurtgezinnen.nl>`,
  date: new Date(date),
  from: 'Buurtgezinnen <noreply@buurtgezinnen.nl>',
  to: `persoon${n}@example.nl`,
  subject: `Bericht ${n}`,
  html: `<p>Hallo ${n}</p><script>alert(1)</script>`,
  text: `Hallo ${n}`,
});

describe('without SMTP_URL: .eml files for the development mailbox', () => {
  const transport = createMailTransport({ smtpUrl: undefined, dataDir });

  it('writes one file per logical message; a re-send overwrites it', async () => {
    await transport.send(mail(1, '2026-11-23T10:00:00Z'));
    await transport.send(mail(1, '2026-11-23T10:00:00Z'));
    await transport.send(mail(2, '2026-11-23T11:00:00Z'));
    const files = (await fs.readdir(path.join(dataDir, 'mail'))).sort();
    expect(files).toEqual([
      '20261123T100000Z-00000001-aaaa-bbbb-cccc-dddddddddddd@buurtgezinnen.nl.eml',
      '20261123T110000Z-00000002-aaaa-bbbb-cccc-dddddddddddd@buurtgezinnen.nl.eml',
    ]);
    const parsed = await simpleParser(await fs.readFile(path.join(dataDir, 'mail', files[0]!)));
    expect(parsed.messageId).toBe('<00000001-aaaa-bbbb-cccc-dddddddddddd@buurtgezinnen.nl>');
    expect(parsed.text?.trim()).toBe('Hallo 1');
  });

  it('makes the mail folder again when it was removed while running', async () => {
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'mail-transport-removed-'));
    try {
      const own = createMailTransport({ smtpUrl: undefined, dataDir: elsewhere });
      await own.send(mail(3, '2026-11-23T12:00:00Z'));
      await fs.rm(path.join(elsewhere, 'mail'), { recursive: true });
      await own.send(mail(4, '2026-11-23T13:00:00Z'));
      expect(await fs.readdir(path.join(elsewhere, 'mail'))).toEqual([
        '20261123T130000Z-00000004-aaaa-bbbb-cccc-dddddddddddd@buurtgezinnen.nl.eml',
      ]);
    } finally {
      await fs.rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('lists newest first and reads one mail back, refusing ids that are not mail files', async () => {
    const list = await listDevelopmentMails(dataDir);
    expect(list.map((m) => m.subject)).toEqual(['Bericht 2', 'Bericht 1']);
    const one = await getDevelopmentMail(dataDir, list[1]!.id);
    expect(one).toMatchObject({
      subject: 'Bericht 1',
      to: 'persoon1@example.nl',
      messageId: '<00000001-aaaa-bbbb-cccc-dddddddddddd@buurtgezinnen.nl>',
    });
    expect(one?.html).toContain('<script>'); // kept as sent: the page only shows it under a sandbox CSP
    for (const id of ['../../etc/passwd', '20261123T100000Z-../x', '', 'x'.repeat(300), '20261123T100000Z-onbekend']) {
      expect(await getDevelopmentMail(dataDir, id)).toBeUndefined();
    }
    expect(await listDevelopmentMails(path.join(dataDir, 'absent'))).toEqual([]);
  });
});

it('tells permanent SMTP refusals from temporary trouble', () => {
  expect(isPermanentMailError({ responseCode: 550 })).toBe(true);
  expect(isPermanentMailError({ responseCode: 553 })).toBe(true);
  expect(isPermanentMailError({ responseCode: 503 })).toBe(false);
  expect(isPermanentMailError({ responseCode: 451 })).toBe(false);
  expect(isPermanentMailError({ code: 'ECONNECTION' })).toBe(false);
  expect(isPermanentMailError(new Error('x'))).toBe(false);
});
