import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '~/server/db/columns.helpers';
import { staffUsers } from '~/server/staff/staff.table';

/**
 * Who looked at or changed which record, when and from where (AVG: every access to a person's
 * record is logged). Append-only; `detail` holds codes and ids, never the personal data itself.
 * A list that showed people (the inbox, a search) keeps their ids in `detail.shown`, so the log of
 * one record finds those views too.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: idColumn(),
    at: timestamptz('at').notNull().defaultNow(),
    staffId: uuid().references(() => staffUsers.id, { onDelete: 'set null' }),
    /** e.g. 'registration.view', 'registration.status', 'staff.invite', 'auth.login'. */
    action: text().notNull(),
    recordType: text(),
    recordId: uuid(),
    gemeenteSlug: text(),
    clientAddress: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_record_idx').on(t.recordId, t.at.desc()),
    index('audit_log_staff_idx').on(t.staffId, t.at.desc()),
    index('audit_log_at_idx').on(t.at.desc()),
    index('audit_log_shown_idx').using('gin', sql`(${t.detail} -> 'shown')`),
  ],
);
