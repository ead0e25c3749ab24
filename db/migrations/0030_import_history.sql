ALTER TABLE "koppeling_evaluations" ALTER COLUMN "children_score" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "koppeling_evaluations" ALTER COLUMN "parents_score" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "koppeling_evaluations" ALTER COLUMN "steungezin_score" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_facts" ADD COLUMN "import_record_id" uuid;--> statement-breakpoint
CREATE INDEX "report_facts_import_record_idx" ON "report_facts" USING btree ("import_record_id") WHERE "report_facts"."import_record_id" is not null;--> statement-breakpoint
-- Decision 033: an import keeps the kind of file, never the file's own name (it may name a family).
UPDATE "imports" SET "file_name" = CASE
  WHEN lower("file_name") LIKE '%.xlsx' THEN 'Excel-bestand (.xlsx)'
  WHEN lower("file_name") LIKE '%.csv' THEN 'CSV-bestand (.csv)'
  WHEN lower("file_name") LIKE '%.txt' THEN 'Tekstbestand (.txt)'
  ELSE 'Bestand' END;
