-- The VOG checklist moves from the inbox to the screening of steungezinnen (issue 14). Every
-- steungezin with VOG checks, or with a status that means approved, gets a screening row with what
-- it said when it signed up; its VOGs move over (valid for three years from receipt, the default
-- renewal term); approved ones keep their approval and join the shortlist when their VOGs are in.
-- The code reads and writes only the screening from now on. The inbox's table stays (expand, then
-- contract: an instance of the previous release may still write to it during a rolling upgrade);
-- a later release drops it with a contract migration that first runs these statements again
-- (they are idempotent) to pick up what was written meanwhile.
INSERT INTO "steungezin_screenings" (
  "registration_id", "gemeente_slug", "competences", "days", "frequency", "sleepovers", "age_groups",
  "approved_at", "in_pool", "kern", "responded_to_profile_id", "waiting_since"
)
SELECT r."id", r."gemeente_slug", '[]'::jsonb,
  coalesce(array(SELECT jsonb_array_elements_text(r."details" -> 'days')), '{}'),
  r."details" ->> 'frequency', r."details" ->> 'sleepovers',
  coalesce(array(SELECT jsonb_array_elements_text(r."details" -> 'ageGroups')), '{}'),
  CASE WHEN r."status" IN ('approved', 'proposed', 'matched') THEN coalesce(i."status_changed_at", r."updated_at") END,
  r."status" IN ('approved', 'proposed', 'matched'),
  r."kern", r."profile_id",
  CASE WHEN r."status" IN ('approved', 'proposed', 'matched')
    THEN (coalesce(i."status_changed_at", r."updated_at") AT TIME ZONE 'Europe/Amsterdam')::date END
FROM "registrations" r
LEFT JOIN "inbox_items" i ON i."registration_id" = r."id"
WHERE r."kind" = 'steungezin'
  AND (r."status" IN ('approved', 'proposed', 'matched')
       OR EXISTS (SELECT 1 FROM "inbox_vog_checks" v WHERE v."registration_id" = r."id"))
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "screening_vogs" ("registration_id", "adult_number", "requested_on", "received_on", "valid_until")
SELECT v."registration_id", v."adult_number", v."requested_on", v."received_on", (v."received_on" + interval '3 years')::date
FROM "inbox_vog_checks" v
JOIN "steungezin_screenings" s ON s."registration_id" = v."registration_id"
ON CONFLICT ("registration_id", "adult_number") DO NOTHING;
--> statement-breakpoint
UPDATE "steungezin_screenings" s SET "vogs_valid_until" = (
  SELECT CASE WHEN count(*) > 0 AND bool_and(v."received_on" IS NOT NULL) THEN min(coalesce(v."valid_until", 'infinity'::date)) END
  FROM "screening_vogs" v WHERE v."registration_id" = s."registration_id"
);
