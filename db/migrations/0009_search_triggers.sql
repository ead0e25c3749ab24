-- Inbox search, PostgreSQL side (docs/decisions/005-inbox-search.md).
-- search_documents holds one row per registration, rebuilt by the triggers below in the
-- transaction that changes a registration, its notes or its assignment.

-- unaccent() is only STABLE (it depends on the search path); this wrapper names the dictionary
-- explicitly so it is IMMUTABLE and may be used in indexes and generated values.
CREATE OR REPLACE FUNCTION search_unaccent(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$;
--> statement-breakpoint
-- Lower case, no accents, single spaces: how names and places are compared.
CREATE OR REPLACE FUNCTION search_key(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(search_unaccent(regexp_replace(btrim(value), '\s+', ' ', 'g'))) $$;
--> statement-breakpoint
-- Dutch stemming (steungezinnen -> steungezinn) with accents removed first.
CREATE TEXT SEARCH CONFIGURATION search_nl (COPY = pg_catalog.dutch);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION search_nl ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, dutch_stem;
--> statement-breakpoint
INSERT INTO search_settings (id, external_feed) VALUES (1, false) ON CONFLICT DO NOTHING;
--> statement-breakpoint
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
    INSERT INTO search_documents AS d (
      registration_id, municipality_slug, kind, status, kern, assigned_staff_id, registered_at,
      name, name_key, email, phone, phone_key, postcode, postcode_key, organisation, referrer_name,
      notes, fuzzy, document, indexed_at)
    VALUES (
      r.id, r.municipality_slug, r.kind::text, r.status, r.kern, assigned, r.created_at,
      r.contact_name, search_key(r.contact_name), r.contact_email, r.contact_phone, phone_national,
      r.postcode, pc_key, org, ref_name, note_text,
      search_key(concat_ws(' ', r.contact_name, r.kern, r.contact_email, org, ref_name, ref_email)),
      setweight(to_tsvector('simple', search_key(concat_ws(' ', r.contact_name, r.contact_email, phone_national))), 'A')
        || setweight(to_tsvector('simple', search_key(concat_ws(' ', r.kern, r.postcode, pc_key, org, ref_name, ref_email))), 'B')
        || setweight(to_tsvector('search_nl', coalesce(org, '')), 'B')
        || setweight(to_tsvector('search_nl', coalesce(note_text, '')), 'C')
        || setweight(to_tsvector('simple', search_key(coalesce(note_text, ''))), 'D'),
      now())
    ON CONFLICT (registration_id) DO UPDATE SET
      municipality_slug = excluded.municipality_slug, kind = excluded.kind, status = excluded.status,
      kern = excluded.kern, assigned_staff_id = excluded.assigned_staff_id, registered_at = excluded.registered_at,
      name = excluded.name, name_key = excluded.name_key, email = excluded.email, phone = excluded.phone,
      phone_key = excluded.phone_key, postcode = excluded.postcode, postcode_key = excluded.postcode_key,
      organisation = excluded.organisation, referrer_name = excluded.referrer_name, notes = excluded.notes,
      fuzzy = excluded.fuzzy, document = excluded.document, indexed_at = excluded.indexed_at;
  END IF;
  -- An external index (Meilisearch) is fed through the outbox, in this same transaction.
  IF EXISTS (SELECT 1 FROM search_settings WHERE external_feed) THEN
    INSERT INTO outbox_messages (topic, payload) VALUES ('search.index', jsonb_build_object('registrationId', reg_id));
    PERFORM pg_notify('outbox_messages', 'search.index');
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_registrations_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM search_refresh_document(OLD.id);
  ELSE
    PERFORM search_refresh_document(NEW.id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- inbox_notes and inbox_items both carry registration_id.
CREATE OR REPLACE FUNCTION search_related_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM search_refresh_document(OLD.registration_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.registration_id IS DISTINCT FROM OLD.registration_id) THEN
    PERFORM search_refresh_document(NEW.registration_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_registrations_sync
  AFTER INSERT OR UPDATE OR DELETE ON registrations
  FOR EACH ROW EXECUTE FUNCTION search_registrations_trigger();
--> statement-breakpoint
CREATE TRIGGER search_inbox_notes_sync
  AFTER INSERT OR UPDATE OF body, registration_id OR DELETE ON inbox_notes
  FOR EACH ROW EXECUTE FUNCTION search_related_trigger();
--> statement-breakpoint
CREATE TRIGGER search_inbox_items_sync
  AFTER INSERT OR UPDATE OF assigned_staff_id, registration_id OR DELETE ON inbox_items
  FOR EACH ROW EXECUTE FUNCTION search_related_trigger();
--> statement-breakpoint
-- Registrations that existed before this migration.
SELECT search_refresh_document(id) FROM registrations;
