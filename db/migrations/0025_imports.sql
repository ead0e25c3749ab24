CREATE TABLE "import_mappings" (
	"gemeente_slug" text NOT NULL,
	"kind" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_gemeente_slug_kind_pk" PRIMARY KEY("gemeente_slug","kind")
);
--> statement-breakpoint
CREATE TABLE "import_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"gemeente_slug" text NOT NULL,
	"entity" text NOT NULL,
	"row_key" text NOT NULL,
	"row_hash" text NOT NULL,
	"record_id" uuid NOT NULL,
	"action" text NOT NULL,
	"previous" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gemeente_slug" text NOT NULL,
	"kind" text NOT NULL,
	"staff_id" uuid,
	"status" text DEFAULT 'staged' NOT NULL,
	"file_name" text NOT NULL,
	"headers" jsonb NOT NULL,
	"cells" jsonb,
	"mapping" jsonb NOT NULL,
	"notices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"imported_at" timestamp with time zone,
	"undone_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_gemeente_slug_gemeenten_slug_fk" FOREIGN KEY ("gemeente_slug") REFERENCES "public"."gemeenten"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_records" ADD CONSTRAINT "import_records_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_gemeente_slug_gemeenten_slug_fk" FOREIGN KEY ("gemeente_slug") REFERENCES "public"."gemeenten"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_records_key_idx" ON "import_records" USING btree ("gemeente_slug","entity","row_key","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "import_records_import_idx" ON "import_records" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "import_records_record_idx" ON "import_records" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "imports_gemeente_idx" ON "imports" USING btree ("gemeente_slug","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "imports_staged_idx" ON "imports" USING btree ("created_at") WHERE "imports"."status" = 'staged';