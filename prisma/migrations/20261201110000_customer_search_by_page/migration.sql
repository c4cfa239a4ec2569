-- The customer search answers from indexes sized by the page, not by the table (docs/benchmarks.md,
-- "Customer search at a million"). Hand-written: Prisma declares the indexes (no drift) but not
-- the generated column's expression nor the statistics target.

-- `searchText` becomes lower-case: a UTF-8 database compares ILIKE by lower-casing both sides,
-- so a search compares with LIKE and `strpos` against the stored lower-case text, with ILIKE's
-- results, without lower-casing each row it reads.
DROP INDEX "Coworker_searchText_trgm_idx";
ALTER TABLE "Coworker" DROP COLUMN "searchText";
ALTER TABLE "Coworker" ADD COLUMN "searchText" TEXT NOT NULL
  GENERATED ALWAYS AS (lower("fullName" || E'\n' || COALESCE("email", ''))) STORED;
CREATE INDEX "Coworker_searchText_trgm_idx" ON "Coworker" USING GIN ("searchText" gin_trgm_ops)
  WITH (fastupdate = off);
-- LIKE '%term%' is estimated from the column's histogram: a finer one tells the planner a rare
-- term from a common one.
ALTER TABLE "Coworker" ALTER COLUMN "searchText" SET STATISTICS 1000;

-- The list in name order, with what its filters read, so a page is read from the index alone:
-- all locations, and one location (the location switcher).
DROP INDEX "Coworker_locationId_fullName_idx";
CREATE INDEX "Coworker_name_order_idx"
  ON "Coworker" ("fullName", "id", "locationId", "active", "searchText");
CREATE INDEX "Coworker_location_name_order_idx"
  ON "Coworker" ("locationId", "fullName", "id", "active", "searchText");

-- "Customer since", newest or oldest first.
CREATE INDEX "Coworker_created_order_idx" ON "Coworker" ("createdAt", "id");
