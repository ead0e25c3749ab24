ALTER TYPE "public"."staff_role" ADD VALUE 'gemeente';--> statement-breakpoint
CREATE TABLE "report_notes" (
	"gemeente_slug" text NOT NULL,
	"period_key" text NOT NULL,
	"highlights" text DEFAULT '' NOT NULL,
	"signals" text DEFAULT '' NOT NULL,
	"plans" text DEFAULT '' NOT NULL,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_notes_gemeente_slug_period_key_pk" PRIMARY KEY("gemeente_slug","period_key")
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"gemeente_slug" text NOT NULL,
	"party" text NOT NULL,
	"moment" text NOT NULL,
	"sent_on" date NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"open_answer" text
);
--> statement-breakpoint
ALTER TABLE "report_facts" DROP CONSTRAINT "report_facts_fact_check";--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_token_unique" ON "survey_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "survey_invitations_gemeente_idx" ON "survey_invitations" USING btree ("gemeente_slug","sent_on");--> statement-breakpoint
ALTER TABLE "report_facts" ADD CONSTRAINT "report_facts_fact_check" CHECK ("report_facts"."fact" in ('registration', 'intake', 'exit', 'koppeling_proposed', 'koppeling_not_started', 'koppeling_started', 'koppeling_ended', 'profile_published', 'profile_response', 'survey_sent', 'survey_response'));