/** The form to plan a kennismaking visit: raw form values in, typed values or Dutch field errors out. */
import { addDays } from '~/lib/dates';
import { choice, isoDay, parseWith, text } from '~/lib/form-fields';
import { PLACE_OPTIONS } from './appointments.labels';

export const APPOINTMENT_LIMITS = { placeNote: 200 } as const;
/** How far ahead a visit can be planned. */
const PLAN_AHEAD_DAYS = 366;

const time = () =>
  text({ max: 5, required: 'Vul de tijd in, bijvoorbeeld 19:30.' }).transform((value, ctx): string | null => {
    if (value === null) return null;
    const match = /^(\d{1,2})[:.](\d{2})$/.exec(value);
    const [hour, minute] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
    if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
      ctx.addIssue('Vul een tijd in als 19:30.');
      return null;
    }
    return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  });

export function parseAppointmentForm(raw: Record<string, unknown>, today: string) {
  return parseWith(
    {
      onDate: isoDay({
        required: 'Vul de datum van het bezoek in.',
        notBefore: { day: today, message: 'Deze datum is al voorbij. Kies vandaag of een dag daarna.' },
        notAfter: { day: addDays(today, PLAN_AHEAD_DAYS), message: 'Plan een bezoek hoogstens een jaar vooruit.' },
      }),
      startTime: time(),
      place: choice(PLACE_OPTIONS, { required: 'Kies waar het bezoek is.' }),
      placeNote: text({ max: APPOINTMENT_LIMITS.placeNote }),
      staffId: text({ max: 36 }),
    },
    (v, add) => {
      if (v.place === 'elsewhere' && !v.placeNote) add('placeNote', 'Vul in waar jullie afspreken.');
    },
    raw,
  );
}
