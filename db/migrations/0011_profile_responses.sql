-- A steungezin's sign-up may point to the profile it responds to (?profiel=<id> in the form link).
-- The link comes from the outside, so a stale or made-up id must not fail the sign-up (the
-- foreign key would): the guard keeps the link only for a public profile in the same gemeente,
-- and drops it quietly otherwise. The sign-up itself is always stored.
CREATE FUNCTION registrations_profile_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.profile_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM profiles p
    WHERE p.id = NEW.profile_id
      AND p.municipality_slug = NEW.municipality_slug
      AND p.status IN ('published', 'matched')
  ) THEN
    NEW.profile_id := NULL;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_profile_guard BEFORE INSERT OR UPDATE OF profile_id ON registrations
  FOR EACH ROW EXECUTE FUNCTION registrations_profile_guard();
--> statement-breakpoint
-- Responses per profile (inbox counts and the profile page).
CREATE INDEX registrations_profile_idx ON registrations (profile_id) WHERE profile_id IS NOT NULL;
