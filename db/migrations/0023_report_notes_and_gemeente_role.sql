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
