-- Keyset paging of the inbox (newest first, id as tie-breaker) stays an index scan for the
-- backoffice (all gemeenten) and for the filters on kind and status. Per-gemeente lists use
-- registrations_inbox_idx (municipality_slug, created_at desc) from 0002.
CREATE INDEX IF NOT EXISTS "registrations_newest_idx" ON "registrations" USING btree ("created_at" DESC, "id" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "registrations_status_newest_idx" ON "registrations" USING btree ("status", "created_at" DESC, "id" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "registrations_kind_newest_idx" ON "registrations" USING btree ("kind", "created_at" DESC, "id" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "registrations_gemeente_newest_idx" ON "registrations" USING btree ("municipality_slug", "created_at" DESC, "id" DESC);
