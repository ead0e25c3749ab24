// Every table of the portal, for drizzle (relational queries) and drizzle-kit (migrations).
// Each domain owns its tables in `src/server/<domain>/<domain>.table.ts`; list them here.
export * from './meta.table';
export * from '../municipalities/municipalities.table';
export * from '../staff/staff.table';
export * from '../registrations/registrations.table';
export * from '../rate-limits/rate-limits.table';
export * from '../outbox/outbox.table';
export * from '../auth/auth.table';
export * from '../audit/audit.table';
export * from '../inbox/inbox.table';
export * from '../search/search.table';
export * from '../profiles/profiles.table';
