// Every table of the portal, for drizzle (relational queries) and drizzle-kit (migrations).
// Each domain owns its tables in `src/server/<domain>/<domain>.table.ts`; list them here.

export * from '~/server/appointments/appointments.table';
export * from '~/server/audit/audit.table';
export * from '~/server/auth/auth.table';
export * from '~/server/calendar/calendar.table';
export * from '~/server/gemeenten/gemeenten.table';
export * from '~/server/import/import.table';
export * from '~/server/inbox/inbox.table';
export * from '~/server/koppelingen/koppelingen.table';
export * from '~/server/outbox/outbox.table';
export * from '~/server/privacy/privacy.requests.table';
export * from '~/server/privacy/privacy.table';
export * from '~/server/profiles/profiles.table';
export * from '~/server/rapportage/rapportage.table';
export * from '~/server/rate-limits/rate-limits.table';
export * from '~/server/registrations/registrations.table';
export * from '~/server/screening/screening.table';
export * from '~/server/search/search.table';
export * from '~/server/staff/staff.table';
export * from './meta.table';
