CREATE TABLE "referral_consent_links" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answer" text,
	CONSTRAINT "referral_consent_links_answer_check" CHECK ("referral_consent_links"."answer" in ('confirmed', 'declined'))
);
--> statement-breakpoint
ALTER TABLE "referral_consents" DROP CONSTRAINT "referral_consents_method_check";--> statement-breakpoint
ALTER TABLE "referral_consents" ADD COLUMN "contact_by" text;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD COLUMN "contact_time" text;--> statement-breakpoint
ALTER TABLE "referral_consents" ADD COLUMN "share_outcome" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "referral_consent_links" ADD CONSTRAINT "referral_consent_links_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_consent_links_token_unique" ON "referral_consent_links" USING btree ("token_hash");--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_contact_by_check" CHECK ("referral_consents"."contact_by" in ('phone', 'email'));--> statement-breakpoint
ALTER TABLE "referral_consents" ADD CONSTRAINT "referral_consents_method_check" CHECK ("referral_consents"."method" in ('in_person', 'phone', 'link'));--> statement-breakpoint
-- privacy_export (migration 0024) also exports the referral link: when it was sent, until when it
-- works and how it was answered (never the hash of its secret). Decision 031.
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
    'referral_consent_links', (SELECT jsonb_agg(to_jsonb(t) - 'token_hash') FROM referral_consent_links t WHERE t.registration_id = reg),
    'appointments', (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.on_date) FROM appointments t WHERE t.registration_id = reg)
  )) END
$$;
