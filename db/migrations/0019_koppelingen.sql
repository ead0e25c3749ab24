CREATE TABLE "koppeling_closures" (
	"koppeling_id" uuid PRIMARY KEY NOT NULL,
	"closed_on" date NOT NULL,
	"reason" text NOT NULL,
	"reason_note" text,
	"continue_together" text NOT NULL,
	"effects" jsonb NOT NULL,
	"youth_care_final" text NOT NULL,
	"youth_care_note" text,
	"steungezin_wants_another" text NOT NULL,
	"satisfaction" jsonb,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "koppeling_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"due_on" date NOT NULL,
	"held_on" date NOT NULL,
	"attendees" text[] NOT NULL,
	"children_score" smallint NOT NULL,
	"parents_score" smallint NOT NULL,
	"steungezin_score" smallint NOT NULL,
	"notes" text,
	"changed_agreements" text,
	"decision" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "koppeling_evaluations_scores_check" CHECK ("koppeling_evaluations"."children_score" between 1 and 5 and "koppeling_evaluations"."parents_score" between 1 and 5 and "koppeling_evaluations"."steungezin_score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "koppeling_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"koppeling_id" uuid NOT NULL,
	"staff_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"change" text NOT NULL,
	"from_phase" text,
	"to_phase" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "koppeling_signatures" (
	"koppeling_id" uuid NOT NULL,
	"party" text NOT NULL,
	"method" text NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"signed_on" date,
	"consent" jsonb,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "koppeling_signatures_koppeling_id_party_pk" PRIMARY KEY("koppeling_id","party")
);
--> statement-breakpoint
CREATE TABLE "koppelingen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gemeente_slug" text NOT NULL,
	"vraaggezin_id" uuid NOT NULL,
	"steungezin_id" uuid NOT NULL,
	"phase" text DEFAULT 'proposed' NOT NULL,
	"proposed_on" date NOT NULL,
	"meeting_on" date,
	"meeting_outcome" text,
	"meeting_note" text,
	"start_date" date,
	"agreements" jsonb,
	"house_rules" text[],
	"youth_care_baseline" jsonb,
	"signed_at" timestamp with time zone,
	"next_due_on" date,
	"next_due_kind" text,
	"ended_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "koppelingen_phase_check" CHECK ("koppelingen"."phase" in ('proposed', 'agreed', 'active', 'closed', 'declined', 'cancelled')),
	CONSTRAINT "koppelingen_two_families_check" CHECK ("koppelingen"."vraaggezin_id" <> "koppelingen"."steungezin_id"),
	CONSTRAINT "koppelingen_started_check" CHECK ("koppelingen"."phase" not in ('active', 'closed') or "koppelingen"."start_date" is not null)
);
--> statement-breakpoint
CREATE TABLE "safety_concerns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gemeente_slug" text NOT NULL,
	"registration_id" uuid NOT NULL,
	"koppeling_id" uuid,
	"raised_on" date NOT NULL,
	"raised_by" uuid,
	"summary" text NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decision" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "koppeling_closures" ADD CONSTRAINT "koppeling_closures_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppeling_closures" ADD CONSTRAINT "koppeling_closures_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppeling_evaluations" ADD CONSTRAINT "koppeling_evaluations_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppeling_evaluations" ADD CONSTRAINT "koppeling_evaluations_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppeling_history" ADD CONSTRAINT "koppeling_history_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppeling_history" ADD CONSTRAINT "koppeling_history_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppeling_signatures" ADD CONSTRAINT "koppeling_signatures_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppeling_signatures" ADD CONSTRAINT "koppeling_signatures_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppelingen" ADD CONSTRAINT "koppelingen_gemeente_slug_gemeenten_slug_fk" FOREIGN KEY ("gemeente_slug") REFERENCES "public"."gemeenten"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppelingen" ADD CONSTRAINT "koppelingen_vraaggezin_id_registrations_id_fk" FOREIGN KEY ("vraaggezin_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppelingen" ADD CONSTRAINT "koppelingen_steungezin_id_registrations_id_fk" FOREIGN KEY ("steungezin_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koppelingen" ADD CONSTRAINT "koppelingen_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_concerns" ADD CONSTRAINT "safety_concerns_gemeente_slug_gemeenten_slug_fk" FOREIGN KEY ("gemeente_slug") REFERENCES "public"."gemeenten"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_concerns" ADD CONSTRAINT "safety_concerns_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_concerns" ADD CONSTRAINT "safety_concerns_koppeling_id_koppelingen_id_fk" FOREIGN KEY ("koppeling_id") REFERENCES "public"."koppelingen"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_concerns" ADD CONSTRAINT "safety_concerns_raised_by_staff_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_concerns" ADD CONSTRAINT "safety_concerns_resolved_by_staff_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "koppeling_evaluations_koppeling_idx" ON "koppeling_evaluations" USING btree ("koppeling_id","held_on");--> statement-breakpoint
CREATE INDEX "koppeling_history_koppeling_idx" ON "koppeling_history" USING btree ("koppeling_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "koppeling_signatures_token_unique" ON "koppeling_signatures" USING btree ("token_hash") WHERE "koppeling_signatures"."token_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "koppelingen_one_open_per_vraaggezin" ON "koppelingen" USING btree ("vraaggezin_id") WHERE "koppelingen"."phase" in ('proposed', 'agreed', 'active');--> statement-breakpoint
CREATE INDEX "koppelingen_vraaggezin_idx" ON "koppelingen" USING btree ("vraaggezin_id");--> statement-breakpoint
CREATE INDEX "koppelingen_steungezin_idx" ON "koppelingen" USING btree ("steungezin_id","phase");--> statement-breakpoint
CREATE INDEX "koppelingen_gemeente_phase_idx" ON "koppelingen" USING btree ("gemeente_slug","phase","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "koppelingen_due_idx" ON "koppelingen" USING btree ("gemeente_slug","next_due_on") WHERE "koppelingen"."phase" = 'active';--> statement-breakpoint
CREATE INDEX "safety_concerns_registration_idx" ON "safety_concerns" USING btree ("registration_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "safety_concerns_koppeling_idx" ON "safety_concerns" USING btree ("koppeling_id") WHERE "safety_concerns"."koppeling_id" is not null;--> statement-breakpoint
CREATE INDEX "safety_concerns_open_idx" ON "safety_concerns" USING btree ("gemeente_slug") WHERE "safety_concerns"."resolved_at" is null;