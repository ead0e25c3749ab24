import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from './calendar.ics';

describe('iCalendar output', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replaceAll('\r\n ', '')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });

  it('renders all-day events with CRLF line ends and an end on the next day', () => {
    const ics = renderCalendar({
      name: 'Buurtgezinnen: mijn afspraken',
      now: new Date('2026-11-29T10:00:00Z'),
      events: [
        {
          uid: 'evaluatie-1@buurtgezinnen',
          date: '2026-12-31',
          summary: 'Evaluatie, koppeling in Beekdaelen',
          url: 'https://portaal.example.nl/inbox/koppelingen/1',
        },
      ],
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTART;VALUE=DATE:20261231\r\n');
    expect(ics).toContain('DTEND;VALUE=DATE:20270101\r\n');
    expect(ics).toContain('DTSTAMP:20261129T100000Z\r\n');
    expect(ics).toContain('SUMMARY:Evaluatie\\, koppeling in Beekdaelen\r\n');
    expect(ics.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
  });

  it('renders an appointment at a time on the Dutch clock in UTC, with its place, as busy', () => {
    const ics = renderCalendar({
      name: 'Buurtgezinnen: mijn afspraken',
      now: new Date('2026-11-29T10:00:00Z'),
      events: [
        {
          uid: 'kennismaking-1@buurtgezinnen',
          date: '2026-12-03',
          time: { start: '19:30', minutes: 60 },
          summary: 'Kennismaking (Beekdaelen)',
          location: 'Bij het gezin thuis (adres in het portaal)',
        },
        {
          uid: 'kennismaking-2@buurtgezinnen',
          date: '2026-07-01',
          time: { start: '10:00', minutes: 90 },
          summary: 'x',
        },
      ],
    });
    expect(ics).toContain('DTSTART:20261203T183000Z\r\nDTEND:20261203T193000Z\r\n');
    expect(ics).toContain('DTSTART:20260701T080000Z\r\nDTEND:20260701T093000Z\r\n');
    expect(ics).not.toContain('VALUE=DATE');
    expect(ics).toContain('LOCATION:Bij het gezin thuis (adres in het portaal)\r\n');
    expect(ics).toContain('TRANSP:OPAQUE');
  });
});
