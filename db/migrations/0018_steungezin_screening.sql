CREATE TABLE "screening_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"staff_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"change" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "screening_intakes" (
	"registration_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"held_on" date NOT NULL,
	"staff_id" uuid,
	"held_by" text NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_intakes_registration_id_number_pk" PRIMARY KEY("registration_id","number")
);
--> statement-breakpoint
CREATE TABLE "screening_vogs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"adult_number" integer NOT NULL,
	"name" text,
	"requested_on" date,
	"received_on" date,
	"valid_until" date,
	"reminded_for" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steungezin_screenings" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"gemeente_slug" text NOT NULL,
	"competences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checklist_signed_off_at" timestamp with time zone,
	"checklist_signed_off_by" uuid,
	"days" text[] DEFAULT '{}'::text[] NOT NULL,
	"frequency" text,
	"sleepovers" text,
	"age_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"unavailable_until" date,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"in_pool" boolean DEFAULT false NOT NULL,
	"kern" text,
	"responded_to_profile_id" uuid,
	"vogs_valid_until" date,
	"open_koppelingen" integer DEFAULT 0 NOT NULL,
	"waiting_since" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "screening_history" ADD CONSTRAINT "screening_history_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_history" ADD CONSTRAINT "screening_history_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_intakes" ADD CONSTRAINT "screening_intakes_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_intakes" ADD CONSTRAINT "screening_intakes_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_vogs" ADD CONSTRAINT "screening_vogs_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steungezin_screenings" ADD CONSTRAINT "steungezin_screenings_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steungezin_screenings" ADD CONSTRAINT "steungezin_screenings_gemeente_slug_gemeenten_slug_fk" FOREIGN KEY ("gemeente_slug") REFERENCES "public"."gemeenten"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steungezin_screenings" ADD CONSTRAINT "steungezin_screenings_checklist_signed_off_by_staff_users_id_fk" FOREIGN KEY ("checklist_signed_off_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steungezin_screenings" ADD CONSTRAINT "steungezin_screenings_approved_by_staff_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "screening_history_registration_idx" ON "screening_history" USING btree ("registration_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_vogs_adult_unique" ON "screening_vogs" USING btree ("registration_id","adult_number");--> statement-breakpoint
CREATE INDEX "screening_vogs_valid_until_idx" ON "screening_vogs" USING btree ("valid_until") WHERE "screening_vogs"."valid_until" is not null;--> statement-breakpoint
CREATE INDEX "steungezin_screenings_pool_idx" ON "steungezin_screenings" USING btree ("gemeente_slug") WHERE "steungezin_screenings"."in_pool";