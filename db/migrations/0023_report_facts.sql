CREATE TABLE "report_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gemeente_slug" text NOT NULL,
	"occurred_on" date NOT NULL,
	"fact" text NOT NULL,
	"kind" text,
	"source" text,
	"kern" text,
	"code" text,
	"days" integer,
	"data" jsonb,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_facts_fact_check" CHECK ("report_facts"."fact" in ('registration', 'intake', 'exit', 'koppeling_proposed', 'koppeling_not_started', 'koppeling_started', 'koppeling_ended', 'profile_published', 'profile_response'))
);
--> statement-breakpoint
CREATE INDEX "report_facts_gemeente_day_idx" ON "report_facts" USING btree ("gemeente_slug","occurred_on","fact");--> statement-breakpoint
CREATE INDEX "report_facts_day_idx" ON "report_facts" USING btree ("occurred_on","fact");--> statement-breakpoint
-- The anonymous ledger is filled by the use cases from now on (src/server/rapportage/README.md).
-- This function writes the facts of what was there before, for every gemeente (or one) that has
-- no facts yet: the migration runs it once; the demo seed runs it after writing its content.
-- It copies codes and days only, the same as rapportage.ledger.ts does.
CREATE OR REPLACE FUNCTION report_facts_backfill(only_gemeente text DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  targets text[];
  total integer := 0;
  added integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_facts_backfill'));
  targets := array(
    SELECT g.slug FROM gemeenten g
    WHERE (only_gemeente IS NULL OR g.slug = only_gemeente)
      AND NOT EXISTS (SELECT 1 FROM report_facts f WHERE f.gemeente_slug = g.slug)
  );
  -- A scratch list of the families of those gemeenten, gone at commit (emptied when called twice in one transaction).
  CREATE TEMP TABLE IF NOT EXISTS report_backfill_families (
    id uuid, gemeente_slug text, kind text, source text, profile_id uuid, duplicate_of_id uuid,
    signed_up_on date, referral_source text, kern text
  ) ON COMMIT DROP;
  TRUNCATE report_backfill_families;
  INSERT INTO report_backfill_families
    SELECT r.id, r.gemeente_slug, r.kind::text AS kind, r.source, r.profile_id, r.duplicate_of_id,
      (r.created_at AT TIME ZONE 'Europe/Amsterdam')::date AS signed_up_on,
      CASE WHEN r.kind = 'verwijzing' THEN
        CASE WHEN r.details->'referrer'->>'organisationType' IN ('school', 'huisarts', 'wijkteam', 'jgz', 'kinderopvang')
          THEN r.details->'referrer'->>'organisationType' ELSE 'other' END
      ELSE 'self' END AS referral_source,
      (SELECT k FROM unnest(g.kernen) AS k WHERE lower(k) = lower(trim(r.kern)) LIMIT 1) AS kern
    FROM registrations r JOIN gemeenten g ON g.slug = r.gemeente_slug
    WHERE r.gemeente_slug = ANY(targets);

  INSERT INTO report_facts (gemeente_slug, occurred_on, fact, kind, source, kern, code)
  SELECT gemeente_slug, signed_up_on, 'registration', kind, referral_source, kern, source
  FROM report_backfill_families WHERE duplicate_of_id IS NULL;
  GET DIAGNOSTICS added = ROW_COUNT; total := total + added;

  INSERT INTO report_facts (gemeente_slug, occurred_on, fact, kind, kern)
  SELECT gemeente_slug, signed_up_on, 'profile_response', kind, kern
  FROM report_backfill_families WHERE duplicate_of_id IS NULL AND kind = 'steungezin' AND profile_id IS NOT NULL;
  GET DIAGNOSTICS added = ROW_COUNT; total := total + added;

  INSERT INTO report_facts (gemeente_slug, occurred_on, fact, kind, source, kern, code)
  SELECT f.gemeente_slug, (h.at AT TIME ZONE 'Europe/Amsterdam')::date,
    CASE WHEN h.to_value = 'intake_1' THEN 'intake' ELSE 'exit' END,
    f.kind, f.referral_source, f.kern,
    CASE WHEN h.to_value = 'intake_1' THEN NULL ELSE h.to_value END
  FROM inbox_history h JOIN report_backfill_families f ON f.id = h.registration_id
  WHERE h.change = 'status'
    AND ((h.to_value = 'intake_1' AND h.from_value IN ('new', 'contacted'))
      OR h.to_value IN ('referred_elsewhere', 'not_suitable', 'withdrawn'));
  GET DIAGNOSTICS added = ROW_COUNT; total := total + added;

  INSERT INTO report_facts (gemeente_slug, occurred_on, fact, kind, kern)
  SELECT p.gemeente_slug, (p.published_at AT TIME ZONE 'Europe/Amsterdam')::date, 'profile_published', 'vraaggezin', f.kern
  FROM profiles p JOIN report_backfill_families f ON f.id = p.registration_id
  WHERE p.published_at IS NOT NULL;
  GET DIAGNOSTICS added = ROW_COUNT; total := total + added;

  INSERT INTO report_facts (gemeente_slug, occurred_on, fact, kind, source, kern, code, days, data)
  SELECT k.gemeente_slug, step.occurred_on, step.fact, 'vraaggezin', f.referral_source, f.kern, step.code, step.days, step.data
  FROM koppelingen k
  JOIN report_backfill_families f ON f.id = k.vraaggezin_id
  LEFT JOIN koppeling_closures c ON c.koppeling_id = k.id
  CROSS JOIN LATERAL (
    SELECT k.proposed_on AS occurred_on, 'koppeling_proposed' AS fact, NULL::text AS code, NULL::integer AS days, NULL::jsonb AS data
    UNION ALL
    SELECT coalesce(k.ended_on, k.proposed_on), 'koppeling_not_started', k.phase, NULL, NULL
    WHERE k.phase IN ('declined', 'cancelled')
    UNION ALL
    SELECT k.start_date, 'koppeling_started', NULL, k.start_date - f.signed_up_on,
      jsonb_build_object('youthCareBaseline', coalesce(k.youth_care_baseline->'kinds', '[]'::jsonb))
        || coalesce((
          SELECT jsonb_build_object('daysPublishedToStart', k.start_date - min((p.published_at AT TIME ZONE 'Europe/Amsterdam')::date))
          FROM profiles p WHERE p.registration_id = f.id AND p.published_at IS NOT NULL
          HAVING count(*) > 0), '{}'::jsonb)
    WHERE k.start_date IS NOT NULL AND k.phase IN ('active', 'closed')
    UNION ALL
    SELECT c.closed_on, 'koppeling_ended', c.reason, c.closed_on - k.start_date,
      jsonb_build_object(
        'effects', c.effects,
        'youthCareBaseline', coalesce(k.youth_care_baseline->'kinds', '[]'::jsonb),
        'youthCareFinal', c.youth_care_final)
        || CASE WHEN c.satisfaction IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('satisfaction', c.satisfaction) END
    WHERE c.koppeling_id IS NOT NULL
  ) AS step;
  GET DIAGNOSTICS added = ROW_COUNT; total := total + added;

  RETURN total;
END;
$$;
--> statement-breakpoint
SELECT report_facts_backfill();
