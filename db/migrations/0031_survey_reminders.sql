ALTER TABLE "survey_invitations" ADD COLUMN "remind_registration_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD COLUMN "reminder_token_hash" text;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_remind_registration_id_registrations_id_fk" FOREIGN KEY ("remind_registration_id") REFERENCES "public"."registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_reminder_token_unique" ON "survey_invitations" USING btree ("reminder_token_hash");--> statement-breakpoint
CREATE INDEX "survey_invitations_remind_idx" ON "survey_invitations" USING btree ("remind_registration_id");