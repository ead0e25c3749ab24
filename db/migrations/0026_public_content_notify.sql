-- Public pages are kept in memory by every instance (decision 023). When a transaction that
-- changed a profile or a gemeente commits, PostgreSQL tells every listening instance on the
-- channel 'public_content' (NOTIFY is delivered at commit, never for a rollback, and repeated
-- notifications of one transaction are folded into one). One notification per statement.
CREATE FUNCTION public_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('public_content', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER profiles_public_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON profiles
  FOR EACH STATEMENT EXECUTE FUNCTION public_content_changed();
--> statement-breakpoint
CREATE TRIGGER gemeenten_public_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gemeenten
  FOR EACH STATEMENT EXECUTE FUNCTION public_content_changed();
