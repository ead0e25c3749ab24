-- Extensions the portal relies on: gen_random_uuid() is built in since PostgreSQL 13;
-- unaccent and pg_trgm serve Dutch full-text search and typo-tolerant matching.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
