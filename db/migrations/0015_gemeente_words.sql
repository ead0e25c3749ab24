-- One word per concept in code and schema (see the README glossary): "gemeente", never
-- "municipality". Renames only: no data changes. Trigger functions name columns in their
-- bodies, which a rename does not touch, so the two that read gemeente_slug are redefined.
-- After upgrading a deployment with Meilisearch, run `npm run search:reindex` (the filter
-- attribute is called gemeenteSlug now).
ALTER TYPE "public"."municipality_status" RENAME TO "gemeente_status";--> statement-breakpoint
ALTER TABLE "municipalities" RENAME TO "gemeenten";--> statement-breakpoint
ALTER TABLE "gemeenten" RENAME CONSTRAINT "municipalities_pkey" TO "gemeenten_pkey";--> statement-breakpoint
ALTER TABLE "staff_municipalities" RENAME TO "staff_gemeenten";--> statement-breakpoint
ALTER TABLE "staff_gemeenten" RENAME COLUMN "municipality_slug" TO "gemeente_slug";--> statement-breakpoint
ALTER TABLE "staff_gemeenten" RENAME CONSTRAINT "staff_municipalities_staff_id_municipality_slug_pk" TO "staff_gemeenten_staff_id_gemeente_slug_pk";--> statement-breakpoint
ALTER TABLE "staff_gemeenten" RENAME CONSTRAINT "staff_municipalities_staff_id_staff_users_id_fk" TO "staff_gemeenten_staff_id_staff_users_id_fk";--> statement-breakpoint
ALTER TABLE "staff_gemeenten" RENAME CONSTRAINT "staff_municipalities_municipality_slug_municipalities_slug_fk" TO "staff_gemeenten_gemeente_slug_gemeenten_slug_fk";--> statement-breakpoint
ALTER TABLE "registrations" RENAME COLUMN "municipality_slug" TO "gemeente_slug";--> statement-breakpoint
ALTER TABLE "registrations" RENAME CONSTRAINT "registrations_municipality_slug_municipalities_slug_fk" TO "registrations_gemeente_slug_gemeenten_slug_fk";--> statement-breakpoint
ALTER TABLE "audit_log" RENAME COLUMN "municipality_slug" TO "gemeente_slug";--> statement-breakpoint
ALTER TABLE "search_documents" RENAME COLUMN "municipality_slug" TO "gemeente_slug";--> statement-breakpoint
ALTER TABLE "profiles" RENAME COLUMN "municipality_slug" TO "gemeente_slug";--> statement-breakpoint
ALTER TABLE "profiles" RENAME CONSTRAINT "profiles_municipality_slug_municipalities_slug_fk" TO "profiles_gemeente_slug_gemeenten_slug_fk";--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_refresh_document(reg_id uuid) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  r registrations%ROWTYPE;
  note_text text;
  assigned uuid;
  org text;
  ref_name text;
  ref_email text;
  phone_national text;
  pc_key text;
  email_words text;
BEGIN
  SELECT * INTO r FROM registrations WHERE id = reg_id;
  IF NOT FOUND THEN
    DELETE FROM search_documents WHERE registration_id = reg_id;
  ELSE
    SELECT string_agg(body, E'\n' ORDER BY created_at) INTO note_text FROM inbox_notes WHERE registration_id = reg_id;
    SELECT assigned_staff_id INTO assigned FROM inbox_items WHERE registration_id = reg_id;
    org := nullif(btrim(r.details #>> '{referrer,organisationName}'), '');
    ref_name := nullif(btrim(r.details #>> '{referrer,name}'), '');
    ref_email := nullif(lower(btrim(r.details #>> '{referrer,email}')), '');
    -- +31612345678 -> 0612345678; other numbers keep their digits.
    phone_national := nullif(CASE WHEN r.contact_phone LIKE '+31%' THEN '0' || substr(r.contact_phone, 4)
                                   ELSE regexp_replace(coalesce(r.contact_phone, ''), '\D', '', 'g') END, '');
    pc_key := nullif(lower(regexp_replace(coalesce(r.postcode, ''), '\s', '', 'g')), '');
    -- "f.el-amrani@hotmail.com" -> "f el amrani hotmail com": parts of an address are words too.
    email_words := search_key(regexp_replace(concat_ws(' ', r.contact_email, ref_email), '[@._+-]', ' ', 'g'));
    INSERT INTO search_documents AS d (
      registration_id, gemeente_slug, kind, status, kern, assigned_staff_id, registered_at,
      name, name_key, email, phone, phone_key, postcode, postcode_key, organisation, referrer_name,
      notes, fuzzy, document, indexed_at)
    VALUES (
      r.id, r.gemeente_slug, r.kind::text, r.status, r.kern, assigned, r.created_at,
      r.contact_name, search_key(r.contact_name), r.contact_email, r.contact_phone, phone_national,
      r.postcode, pc_key, org, ref_name, note_text,
      search_key(concat_ws(' ', r.contact_name, r.kern, r.contact_email, org, ref_name, ref_email)),
      setweight(to_tsvector('simple', search_text(r.contact_name)), 'A')
        || setweight(to_tsvector('simple', concat_ws(' ', lower(r.contact_email), phone_national)), 'A')
        || setweight(to_tsvector('simple', search_text(concat_ws(' ', r.kern, r.postcode, pc_key, org, ref_name))), 'B')
        || setweight(to_tsvector('simple', coalesce(lower(ref_email), '')), 'B')
        || setweight(to_tsvector('simple', coalesce(email_words, '')), 'B')
        || setweight(to_tsvector('search_nl', translate(coalesce(org, ''), '<>&/', '    ')), 'B')
        || setweight(to_tsvector('search_nl', translate(coalesce(note_text, ''), '<>&/', '    ')), 'C')
        || setweight(to_tsvector('simple', search_text(coalesce(note_text, ''))), 'D'),
      now())
    ON CONFLICT (registration_id) DO UPDATE SET
      gemeente_slug = excluded.gemeente_slug, kind = excluded.kind, status = excluded.status,
      kern = excluded.kern, assigned_staff_id = excluded.assigned_staff_id, registered_at = excluded.registered_at,
      name = excluded.name, name_key = excluded.name_key, email = excluded.email, phone = excluded.phone,
      phone_key = excluded.phone_key, postcode = excluded.postcode, postcode_key = excluded.postcode_key,
      organisation = excluded.organisation, referrer_name = excluded.referrer_name, notes = excluded.notes,
      fuzzy = excluded.fuzzy, document = excluded.document, indexed_at = excluded.indexed_at;
    -- Known words for typo expansion (search_word_query); sorted so concurrent writers lock in one order.
    INSERT INTO search_terms (term)
      SELECT DISTINCT t FROM unnest(tsvector_to_array(to_tsvector('simple',
        concat_ws(' ', search_text(concat_ws(' ', r.contact_name, r.kern, org, ref_name)), email_words)))) AS t
      WHERE t ~ '^[a-z][a-z0-9]{2,}$'
      ORDER BY t
      ON CONFLICT DO NOTHING;
  END IF;
  -- An external index (Meilisearch) is fed through the outbox, in this same transaction.
  IF EXISTS (SELECT 1 FROM search_settings WHERE external_feed) THEN
    INSERT INTO outbox_messages (topic, payload) VALUES ('search.index', jsonb_build_object('registrationId', reg_id));
    PERFORM pg_notify('outbox_messages', 'search.index');
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION registrations_profile_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.profile_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM profiles p
    WHERE p.id = NEW.profile_id
      AND p.gemeente_slug = NEW.gemeente_slug
      AND p.status IN ('published', 'matched')
  ) THEN
    NEW.profile_id := NULL;
  END IF;
  RETURN NEW;
END;
$$;
