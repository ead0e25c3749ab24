-- Typo tolerance by expansion (docs/decisions/005-inbox-search.md): a typed word of 4+ letters
-- also matches the known words (search_terms) within a small edit distance, looked up in the
-- full-text index. Replaces trigram matching over whole documents, which was slow on villages
-- and weak on swapped letters ("anuok" -> Anouk, "kairn" -> Karin).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
--> statement-breakpoint
-- Folded text for the full-text parser without the characters that make it see an HTML tag or
-- entity ("<script>" would otherwise vanish from the index instead of being searchable text).
CREATE OR REPLACE FUNCTION search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(search_key(value), '<>&/', '    ') $$;
--> statement-breakpoint
CREATE INDEX search_terms_shape_idx ON search_terms (left(term, 1), length(term));
--> statement-breakpoint
CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops);
--> statement-breakpoint
-- Edit distance allowed for a word of this length: 1 for 4 letters, 2 from 5 (a swap counts 2).
CREATE OR REPLACE FUNCTION search_typo_budget(word text) RETURNS int
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE WHEN length(word) >= 5 THEN 2 WHEN length(word) = 4 THEN 1 ELSE 0 END $$;
--> statement-breakpoint
-- The full-text query for one typed (folded) word: itself as a prefix (simple and Dutch stem)
-- plus the known words close to it. Words with the same first letter are compared by edit
-- distance; a typo in the first letter is caught by trigram similarity.
CREATE OR REPLACE FUNCTION search_word_query(word text) RETURNS tsquery
  LANGUAGE sql STABLE PARALLEL SAFE STRICT
  AS $$
    SELECT to_tsquery('simple', word || ':*') || to_tsquery('search_nl', word || ':*')
      || coalesce((
        SELECT to_tsquery('simple', string_agg(term, ' | '))
        FROM (
          SELECT term FROM search_terms
          WHERE search_typo_budget(word) > 0
            AND left(term, 1) = left(word, 1)
            AND length(term) BETWEEN length(word) - search_typo_budget(word) AND length(word) + search_typo_budget(word)
            AND levenshtein_less_equal(term, word, search_typo_budget(word)) <= search_typo_budget(word)
          UNION
          SELECT term FROM search_terms
          WHERE search_typo_budget(word) > 0 AND term % word
            AND levenshtein_less_equal(term, word, search_typo_budget(word)) <= search_typo_budget(word)
          LIMIT 64
        ) close_words), to_tsquery('simple', word || ':*'))
  $$;
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
      registration_id, municipality_slug, kind, status, kern, assigned_staff_id, registered_at,
      name, name_key, email, phone, phone_key, postcode, postcode_key, organisation, referrer_name,
      notes, fuzzy, document, indexed_at)
    VALUES (
      r.id, r.municipality_slug, r.kind::text, r.status, r.kern, assigned, r.created_at,
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
      municipality_slug = excluded.municipality_slug, kind = excluded.kind, status = excluded.status,
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
-- Existing sign-ups: rebuild their documents (e-mail words) and collect their words.
SELECT search_refresh_document(id) FROM registrations;
