CREATE TYPE "public"."registration_kind" AS ENUM('vraaggezin', 'steungezin', 'verwijzing');--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "registration_kind" NOT NULL,
	"municipality_slug" text NOT NULL,
	"kern" text,
	"postcode" text,
	"contact_name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"preferred_contact_time" text,
	"details" jsonb NOT NULL,
	"source" text,
	"consents" jsonb NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"duplicate_of_id" uuid,
	"profile_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp with time zone NOT NULL,
	"allowed" boolean NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_municipality_slug_municipalities_slug_fk" FOREIGN KEY ("municipality_slug") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_duplicate_of_id_registrations_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registrations_inbox_idx" ON "registrations" USING btree ("municipality_slug","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "registrations_inbox_status_idx" ON "registrations" USING btree ("municipality_slug","kind","status");--> statement-breakpoint
CREATE INDEX "registrations_email_idx" ON "registrations" USING btree ("municipality_slug","kind","contact_email","created_at") WHERE "registrations"."contact_email" is not null;--> statement-breakpoint
CREATE INDEX "registrations_phone_idx" ON "registrations" USING btree ("municipality_slug","kind","contact_phone","created_at") WHERE "registrations"."contact_phone" is not null;--> statement-breakpoint
CREATE INDEX "registrations_duplicate_of_idx" ON "registrations" USING btree ("duplicate_of_id") WHERE "registrations"."duplicate_of_id" is not null;--> statement-breakpoint
CREATE INDEX "rate_limits_expires_idx" ON "rate_limits" USING btree ("expires_at");