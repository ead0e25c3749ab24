import { z } from 'zod';
import { defineEmailTemplate, formatDate, portalPath } from './template';

const count = z.number().int().min(0);

/**
 * Daily summary for a staff member: counts per gemeente, her kennismaking visits of the coming
 * week (day, time, home or elsewhere) and links, never names or addresses.
 */
export const notificationDigest = defineEmailTemplate({
  audience: 'staff',
  needsGemeente: false,
  data: z.object({
    /** The day the digest is about. */
    date: z.coerce.date(),
    /** One line per gemeente the recipient works in. */
    gemeenten: z.array(
      z.object({
        /** Display name, e.g. 'Beekdaelen'. */
        name: z.string().trim().min(1).max(100),
        newRegistrations: count,
        followUpsDue: count,
      }),
    ),
    /** Her own kennismaking visits from today through the coming week (src/server/appointments). */
    appointments: z
      .array(
        z.object({
          onDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          startTime: z.string().regex(/^\d{2}:\d{2}$/),
          what: z.string().trim().min(1).max(120),
          where: z.string().trim().min(1).max(120),
          path: portalPath,
        }),
      )
      .default([]),
    inboxPath: portalPath,
    /** The overview of koppelingen (shown when something is due). */
    followUpsPath: portalPath.optional(),
  }),
  render: (data, { url }) => {
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    return {
      subject: `Je overzicht van ${formatDate(data.date)}`,
      preheader: 'Nieuwe aanmeldingen en afspraken die eraan komen.',
      heading: 'Wat er klaarstaat in het portaal',
      blocks: [
        { type: 'paragraph', text: `Dit staat er op ${formatDate(data.date)} voor je klaar:` },
        ...(data.appointments.length > 0
          ? [
              { type: 'paragraph' as const, text: 'Je kennismakingen van deze week:' },
              {
                type: 'list' as const,
                items: data.appointments.map(
                  (a) =>
                    `${formatDate(new Date(`${a.onDate}T12:00:00Z`))} om ${a.startTime}: ${a.what}, ${a.where.charAt(0).toLowerCase()}${a.where.slice(1)}`,
                ),
              },
              ...data.appointments.map((a) => ({
                type: 'link' as const,
                label: `de aanmelding (${a.startTime})`,
                url: url(a.path),
                before: `Voor ${formatDate(new Date(`${a.onDate}T12:00:00Z`))}: open`,
              })),
            ]
          : []),
        ...(data.gemeenten.length > 0
          ? [
              {
                type: 'list' as const,
                items: data.gemeenten.map(
                  (g) =>
                    `${g.name}: ${plural(g.newRegistrations, 'nieuwe aanmelding', 'nieuwe aanmeldingen')}, ${plural(g.followUpsDue, 'evaluatie of vervolgafspraak', 'evaluaties of vervolgafspraken')} om te plannen`,
                ),
              },
            ]
          : []),
        { type: 'button', label: 'Open de inbox', url: url(data.inboxPath) },
        ...(data.followUpsPath && data.gemeenten.some((g) => g.followUpsDue > 0)
          ? [
              {
                type: 'link' as const,
                label: 'de koppelingen met een evaluatie die eraan komt of te laat is',
                url: url(data.followUpsPath),
                before: 'Bekijk ook',
              },
            ]
          : []),
      ],
    };
  },
});
