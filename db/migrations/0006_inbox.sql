CREATE TABLE "inbox_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"author_id" uuid,
	"channel" text NOT NULL,
	"contacted_on" date NOT NULL,
	"summary" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"staff_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"change" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "inbox_items" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"assigned_staff_id" uuid,
	"family_registration_id" uuid,
	"status_note" text,
	"status_changed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inbox_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_reads" (
	"staff_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inbox_reads_registration_id_staff_id_pk" PRIMARY KEY("registration_id","staff_id")
);
--> statement-breakpoint
CREATE TABLE "inbox_vog_checks" (
	"registration_id" uuid NOT NULL,
	"adult_number" integer NOT NULL,
	"requested_on" date,
	"received_on" date,
	CONSTRAINT "inbox_vog_checks_registration_id_adult_number_pk" PRIMARY KEY("registration_id","adult_number")
);
--> statement-breakpoint
ALTER TABLE "inbox_contacts" ADD CONSTRAINT "inbox_contacts_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_contacts" ADD CONSTRAINT "inbox_contacts_author_id_staff_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_history" ADD CONSTRAINT "inbox_history_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_history" ADD CONSTRAINT "inbox_history_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_assigned_staff_id_staff_users_id_fk" FOREIGN KEY ("assigned_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_family_registration_id_registrations_id_fk" FOREIGN KEY ("family_registration_id") REFERENCES "public"."registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_author_id_staff_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_reads" ADD CONSTRAINT "inbox_reads_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_reads" ADD CONSTRAINT "inbox_reads_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_vog_checks" ADD CONSTRAINT "inbox_vog_checks_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_contacts_registration_idx" ON "inbox_contacts" USING btree ("registration_id","contacted_on");--> statement-breakpoint
CREATE INDEX "inbox_history_registration_idx" ON "inbox_history" USING btree ("registration_id","at");--> statement-breakpoint
CREATE INDEX "inbox_items_assigned_idx" ON "inbox_items" USING btree ("assigned_staff_id") WHERE "inbox_items"."assigned_staff_id" is not null;--> statement-breakpoint
CREATE INDEX "inbox_notes_registration_idx" ON "inbox_notes" USING btree ("registration_id","created_at");