import { defineConfig } from 'drizzle-kit';

// Migrations are generated (`npm run db:generate`), read by a human and committed.
// They are applied at start and by `npm run db:migrate`; never `push` outside experiments.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './db/migrations',
  casing: 'snake_case',
  migrations: { schema: 'drizzle' },
});
