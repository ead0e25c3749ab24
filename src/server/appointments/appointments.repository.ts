/** The only code that touches the appointments table. */
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { type AppointmentRow, appointments, type NewAppointmentRow } from './appointments.table';

export type { AppointmentRow };

export function createAppointmentsRepository({ db }: { db: DbOrTx }) {
  return {
    async insert(row: NewAppointmentRow): Promise<AppointmentRow> {
      const [inserted] = await db.insert(appointments).values(row).returning();
      return inserted!;
    },

    /** One appointment of this sign-up (undefined when it belongs to another). */
    async ofRegistration(registrationId: string, id: string) {
      const [row] = await db
        .select()
        .from(appointments)
        .where(and(eq(appointments.id, id), eq(appointments.registrationId, registrationId)));
      return row;
    },

    /** Every appointment of a sign-up, cancelled ones included, by day and time. */
    async listOf(registrationId: string) {
      return db
        .select()
        .from(appointments)
        .where(eq(appointments.registrationId, registrationId))
        .orderBy(asc(appointments.onDate), asc(appointments.startTime));
    },

    async cancel(id: string, by: string, at: Date) {
      await db
        .update(appointments)
        .set({ cancelledAt: at, cancelledBy: by })
        .where(and(eq(appointments.id, id), isNull(appointments.cancelledAt)));
    },

    /** A staff member's appointments that still stand between two days (inclusive), within these gemeenten (null: all). */
    async standingFor(staffId: string, gemeenten: readonly string[] | null, from: string, to: string) {
      return db
        .select()
        .from(appointments)
        .where(
          and(
            eq(appointments.staffId, staffId),
            isNull(appointments.cancelledAt),
            gte(appointments.onDate, from),
            lte(appointments.onDate, to),
            gemeenten ? inArray(appointments.gemeenteSlug, [...gemeenten]) : undefined,
          ),
        )
        .orderBy(asc(appointments.onDate), asc(appointments.startTime));
    },
  };
}
