import { describe, expect, it } from 'vitest';
import { renderEmail } from './email.layout';
import { renderQueuedEmail } from './email.render';
import type { EmailPayload } from './email.usecases';
import { type EmailTemplateName, emailTemplates } from './templates';

const context = {
  gemeente: { slug: 'beekdaelen', name: 'Beekdaelen' },
  coordinator: { name: 'Demi Coördinator', email: 'coordinator@demo.buurtgezinnen.nl' },
};
const render = (template: EmailTemplateName, data: unknown, ctx: EmailPayload['context'] = context) =>
  renderQueuedEmail({ to: 'x@example.nl', template, data, context: ctx }, { publicUrl: 'https://portaal.example.nl/' });

describe('e-mail templates', () => {
  it('registration-received tells what happens next, per kind, with the coordinator as sender', () => {
    const promise = {
      level: 'coordinator',
      names: ['Demi Coördinator'],
      gemeenteName: 'Beekdaelen',
      region: 'Zuid-Limburg',
      workingDays: 5,
      dueOn: '2026-11-30',
    };
    for (const kind of ['vraaggezin', 'steungezin', 'verwijzing'] as const) {
      const mail = render('registration-received', { kind, firstName: 'Sanne', promise });
      expect(mail.subject).toContain('Beekdaelen');
      expect(mail.text).toContain('Beste Sanne,');
      expect(mail.text).toContain('binnen 5 werkdagen');
      expect(mail.text).toContain('Demi Coördinator, de coördinator van Buurtgezinnen Beekdaelen, neemt');
      expect(mail.text).toContain('coördinator Buurtgezinnen Beekdaelen');
      expect(mail.html).toContain('href="https://portaal.example.nl/beekdaelen"');
      expect(mail.text.includes('Oudertelefoon')).toBe(kind !== 'steungezin');
    }
    expect(render('registration-received', { kind: 'steungezin' }).text).toContain('VOG');
    // A mail queued before promises were stored names nobody rather than guessing.
    expect(render('registration-received', { kind: 'vraaggezin' }).text).toContain(
      'We nemen binnen 10 werkdagen contact met je op.',
    );
  });

  it('registration-received and its signature name the regional coordinator where a gemeente has no coordinator', () => {
    const mail = render(
      'registration-received',
      {
        kind: 'vraaggezin',
        promise: {
          level: 'regional',
          names: ['Rik Regio'],
          gemeenteName: 'Uithoorn',
          region: 'Noord-Holland',
          workingDays: 10,
          dueOn: '2026-12-07',
        },
      },
      {
        gemeente: { slug: 'uithoorn', name: 'Uithoorn' },
        coordinator: {
          name: 'Rik Regio',
          email: 'regio@example.nl',
          title: 'regiocoördinator Buurtgezinnen Noord-Holland',
        },
      },
    );
    expect(mail.text).toContain(
      'Buurtgezinnen Uithoorn heeft nog geen eigen coördinator. Daarom neemt Rik Regio, regiocoördinator in Noord-Holland, binnen 10 werkdagen contact met je op.',
    );
    expect(mail.text).toContain('Rik Regio\nregiocoördinator Buurtgezinnen Noord-Holland');
    expect(mail.text).not.toMatch(/de coördinator/);
  });

  it('registration-notification names the gemeente and links to the inbox, nothing else', () => {
    const mail = render('registration-notification', { inboxPath: '/inbox/abc' });
    expect(mail.subject).toBe('Nieuwe aanmelding in Beekdaelen');
    expect(mail.text).toContain('Er is een nieuwe aanmelding in Beekdaelen');
    expect(mail.text).toContain('https://portaal.example.nl/inbox/abc');
    expect(mail.html).toContain('href="https://portaal.example.nl/inbox/abc"');
  });

  it('staff-invitation, password-reset and notification-digest carry their link and a Dutch date', () => {
    const expiresAt = new Date('2026-11-25T14:00:00Z');
    const invite = render(
      'staff-invitation',
      { invitePath: '/uitnodiging/t0k3n', inviterName: 'Mila', expiresAt },
      { gemeente: null, coordinator: null },
    );
    expect(invite.text).toContain('Mila heeft een account voor je gemaakt');
    expect(invite.text).toContain('https://portaal.example.nl/uitnodiging/t0k3n');
    expect(invite.text).toContain('25 november 2026 om 15:00');
    const reset = render(
      'password-reset',
      { resetPath: '/wachtwoord/t0k3n', expiresAt: expiresAt.toISOString() },
      { gemeente: null, coordinator: null },
    );
    expect(reset.text).toContain('https://portaal.example.nl/wachtwoord/t0k3n');
    expect(reset.text).toContain('Je wachtwoord blijft hetzelfde');
    const digest = render('notification-digest', {
      date: '2026-11-23',
      gemeenten: [{ name: 'Beekdaelen', newRegistrations: 2, followUpsDue: 1 }],
      inboxPath: '/inbox',
    });
    expect(digest.text).toContain('Beekdaelen: 2 nieuwe aanmeldingen, 1 evaluatie of vervolgafspraak om te plannen');
    const visits = render('notification-digest', {
      date: '2026-11-23',
      gemeenten: [],
      appointments: [
        {
          onDate: '2026-11-25',
          startTime: '09:30',
          what: 'Kennismaking (Beekdaelen)',
          where: 'Bij het gezin thuis (adres in het portaal)',
          path: '/inbox/abc',
        },
      ],
      inboxPath: '/inbox',
    });
    expect(visits.text).toContain(
      'woensdag 25 november 2026 om 09:30: Kennismaking (Beekdaelen), bij het gezin thuis (adres in het portaal)',
    );
    expect(visits.text).toContain('https://portaal.example.nl/inbox/abc');
  });

  it('escapes every piece of data in the HTML part', () => {
    const mail = render('generic', {
      subject: 'Hoi <b>',
      heading: '<script>alert(1)</script>',
      paragraphs: ['a & "b" \'c\''],
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('a &amp; &quot;b&quot; &#39;c&#39;');
    expect(mail.text).toContain('<script>alert(1)</script>'); // plain text is not HTML
  });

  it('only links inside the portal', () => {
    for (const path of ['https://evil.example', '//evil.example', '/\\evil.example', 'inbox', '/ spaced']) {
      expect(emailTemplates['registration-notification'].data.safeParse({ inboxPath: path }).success, path).toBe(false);
    }
  });

  it('every template renders both parts with the shared layout', () => {
    const mail = renderEmail(
      { subject: 'S', heading: 'H', blocks: [{ type: 'list', items: ['één', 'twee'] }] },
      { gemeente: null, coordinator: null },
    );
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="nl">/);
    expect(mail.text).toContain('- één\n- twee');
    expect(mail.text).toContain('Landelijk bureau Buurtgezinnen');
  });
});

describe('plain-text links (issue 12)', () => {
  it('write an address once when the link text is the address itself', () => {
    const mail = render('registration-received', {
      kind: 'vraaggezin',
      firstName: 'Sanne',
      contactWithinWorkingDays: 5,
    });
    expect(mail.text).toContain('Meer weten? https://www.deoudertelefoon.nl');
    expect(mail.text).not.toContain('https://www.deoudertelefoon.nl: https://www.deoudertelefoon.nl');
  });
  it('keep a label and its address when they differ', () => {
    const mail = renderEmail(
      { subject: 's', heading: 'h', blocks: [{ type: 'link', label: 'Bekijk de aanmelding', url: 'https://x.nl/a' }] },
      { gemeente: null, coordinator: null },
    );
    expect(mail.text).toContain('Bekijk de aanmelding: https://x.nl/a');
  });
});
