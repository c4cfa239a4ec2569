-- The customer search matches name and e-mail through one generated column and one trigram
-- index, instead of an OR over two indexed columns that the planner answered with a
-- sequential scan at 100k coworkers (docs/benchmarks.md). Prisma declares the column with an
-- empty `dbgenerated()` default, so it never writes it nor migrates it again. The line break
-- keeps a match from spanning name and e-mail (the search never looks for a line break here).
-- Hand-edited from the generated `TEXT NOT NULL` before it was ever applied.

-- DropIndex
DROP INDEX "Coworker_email_trgm_idx";

-- DropIndex
DROP INDEX "Coworker_fullName_trgm_idx";

-- AlterTable
ALTER TABLE "Coworker" ADD COLUMN "searchText" TEXT NOT NULL
  GENERATED ALWAYS AS ("fullName" || E'\n' || COALESCE("email", '')) STORED;

-- CreateIndex
CREATE INDEX "Coworker_searchText_trgm_idx" ON "Coworker" USING GIN ("searchText" gin_trgm_ops);
