CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"municipality_slug" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"kern" text NOT NULL,
	"children" jsonb NOT NULL,
	"support_kinds" text[] NOT NULL,
	"days" text[] NOT NULL,
	"frequency" text NOT NULL,
	"sleepovers" text NOT NULL,
	"story" text NOT NULL,
	"asks" text NOT NULL,
	"offers" text NOT NULL,
	"overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"postings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_staff_id" uuid,
	"published_at" timestamp with time zone,
	"matched_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_municipality_slug_municipalities_slug_fk" FOREIGN KEY ("municipality_slug") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_created_by_staff_id_staff_users_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profiles_public_idx" ON "profiles" USING btree ("municipality_slug","published_at" DESC NULLS LAST) WHERE "profiles"."status" in ('published', 'matched');--> statement-breakpoint
CREATE INDEX "profiles_registration_idx" ON "profiles" USING btree ("registration_id");--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE set null ON UPDATE no action;