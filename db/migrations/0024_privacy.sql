CREATE TABLE "privacy_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"keep_until" date NOT NULL,
	"reason" text NOT NULL,
	"placed_by" uuid,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referral_consents" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"given_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_consents_method_check" CHECK ("referral_consents"."method" in ('in_person', 'phone'))
);
--> statement-breakpoint
ALTER TABLE "privacy_holds" ADD CONSTRAINT "privacy_holds_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_holds" ADD CONSTRAINT "privacy_holds_placed_by_staff_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_holds" ADD CONSTRAINT "privacy_holds_lifted_by_staff_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_holds_registration_idx" ON "privacy_holds" USING btree ("registration_id") WHERE "privacy_holds"."lifted_at" is null;--> statement-breakpoint
-- Everything the portal stores about one sign-up, for a request to see one's data (AVG art. 15),
-- answered by the national office (privacy.usecases.ts exportOnRequest). A SQL function, like the
-- search triggers, because it reads the tables of several domains in one statement. Rows of
-- another person stay out: of a koppeling only this family's signature; a zorg over veiligheid is
-- not exported (the office weighs it under the meldcode first); read markers are the staff's, the
-- search document a copy. The register test fails when a table with personal data that goes with
-- the sign-up is neither exported here nor listed as left out (decision 027).
CREATE OR REPLACE FUNCTION privacy_export(reg uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
  WITH me AS (SELECT * FROM registrations WHERE id = reg),
  ks AS (SELECT * FROM koppelingen WHERE vraaggezin_id = reg OR steungezin_id = reg)
  SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM me) THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object(
    'registrations', (SELECT jsonb_agg(to_jsonb(me)) FROM me),
    'inbox_items', (SELECT jsonb_agg(to_jsonb(t)) FROM inbox_items t WHERE t.registration_id = reg),
    'inbox_notes', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.created_at) FROM inbox_notes t WHERE t.registration_id = reg),
    'inbox_contacts', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.contacted_on) FROM inbox_contacts t WHERE t.registration_id = reg),
    'inbox_history', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.at) FROM inbox_history t WHERE t.registration_id = reg),
    'profiles', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.created_at) FROM profiles t WHERE t.registration_id = reg),
    'steungezin_screenings', (SELECT jsonb_agg(to_jsonb(t)) FROM steungezin_screenings t WHERE t.registration_id = reg),
    'screening_intakes', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.number) FROM screening_intakes t WHERE t.registration_id = reg),
    'screening_vogs', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.adult_number) FROM screening_vogs t WHERE t.registration_id = reg),
    'screening_history', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.at) FROM screening_history t WHERE t.registration_id = reg),
    'koppelingen', (SELECT jsonb_agg(to_jsonb(ks) ORDER BY ks.proposed_on) FROM ks),
    'koppeling_history', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.at) FROM koppeling_history t WHERE t.koppeling_id IN (SELECT id FROM ks)),
    'koppeling_evaluations', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.held_on) FROM koppeling_evaluations t WHERE t.koppeling_id IN (SELECT id FROM ks)),
    'koppeling_closures', (SELECT jsonb_agg(to_jsonb(t)) FROM koppeling_closures t WHERE t.koppeling_id IN (SELECT id FROM ks)),
    'koppeling_signatures', (SELECT jsonb_agg(to_jsonb(t) - 'token_hash') FROM koppeling_signatures t JOIN ks ON ks.id = t.koppeling_id
      WHERE (t.party = 'vraaggezin' AND ks.vraaggezin_id = reg) OR (t.party = 'steungezin' AND ks.steungezin_id = reg)),
    'privacy_holds', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.placed_at) FROM privacy_holds t WHERE t.registration_id = reg),
    'referral_consents', (SELECT jsonb_agg(to_jsonb(t)) FROM referral_consents t WHERE t.registration_id = reg),
    'appointments', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.on_date) FROM appointments t WHERE t.registration_id = reg)
  )) END
$$;
