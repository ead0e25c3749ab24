ALTER TABLE "gemeenten" ADD COLUMN "kern_coordinates" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "gemeenten" ADD COLUMN "neighbours" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "gemeenten" ADD COLUMN "house_rules" text[];--> statement-breakpoint
ALTER TABLE "gemeenten" ADD COLUMN "competences" jsonb;