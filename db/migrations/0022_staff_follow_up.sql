ALTER TABLE "registrations" ADD COLUMN "contact_promise" jsonb;--> statement-breakpoint
CREATE INDEX "audit_log_shown_idx" ON "audit_log" USING gin (("detail" -> 'shown'));