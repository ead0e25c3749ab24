CREATE TABLE "search_documents" (
	"registration_id" uuid PRIMARY KEY NOT NULL,
	"municipality_slug" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"kern" text,
	"assigned_staff_id" uuid,
	"registered_at" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"email" text,
	"phone" text,
	"phone_key" text,
	"postcode" text,
	"postcode_key" text,
	"organisation" text,
	"referrer_name" text,
	"notes" text,
	"fuzzy" text NOT NULL,
	"document" "tsvector" NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"external_feed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "search_settings_single_row" CHECK ("search_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_documents_document_idx" ON "search_documents" USING gin ("document");--> statement-breakpoint
CREATE INDEX "search_documents_fuzzy_idx" ON "search_documents" USING gin ("fuzzy" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_documents_scope_idx" ON "search_documents" USING btree ("municipality_slug","registered_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "search_documents_name_key_idx" ON "search_documents" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "search_documents_email_idx" ON "search_documents" USING btree ("email");--> statement-breakpoint
CREATE INDEX "search_documents_phone_key_idx" ON "search_documents" USING btree ("phone_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "search_documents_postcode_key_idx" ON "search_documents" USING btree ("postcode_key");