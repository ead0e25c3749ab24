-- An import's row links (import_records: the row key, e.g. a family's normalised name, and the
-- values an update replaced, for the undo) point to a sign-up or a koppeling without a foreign key,
-- because one column serves both. Without this they outlived the family: the retention job and a
-- deletion on request removed the sign-up and left the name behind. These triggers delete a link
-- with the record it points to, whoever deletes it (docs/privacy/register.md, term `with-record`).
CREATE FUNCTION import_records_follow_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM import_records WHERE record_id = OLD.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_delete_import_records AFTER DELETE ON registrations
  FOR EACH ROW EXECUTE FUNCTION import_records_follow_record();
--> statement-breakpoint
CREATE TRIGGER koppelingen_delete_import_records AFTER DELETE ON koppelingen
  FOR EACH ROW EXECUTE FUNCTION import_records_follow_record();
