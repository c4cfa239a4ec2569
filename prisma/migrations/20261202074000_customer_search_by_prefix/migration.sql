-- A search for the first letters of a common first name ("Rut") at a million coworkers: its
-- ~10,000 matches sit together late in name order, so the walk of the name index runs out
-- and the trigram index over `searchText` had to fetch every one of them to sort them
-- (docs/benchmarks.md, "Customer search at a million"). A term is either at the start of the
-- name, at the start of the address, or further in: the first two are read in name order from
-- indexes keyed by the first three letters, the third from a trigram index of the rest.
-- Hand-written: Prisma cannot declare indexes on expressions, and ignores them when it diffs
-- the database against schema.prisma (no drift). customer-search-statements.ts repeats these
-- expressions exactly, or the planner would not use the indexes.

-- The rows whose name starts with a term, in name order, with what the filters read.
CREATE INDEX "Coworker_name_prefix_idx"
  ON "Coworker" (lower(left("fullName", 3)), "fullName", "id") INCLUDE ("locationId", "active");

-- The rows whose address starts with a term, in name order; the address itself for a term
-- longer than three letters.
CREATE INDEX "Coworker_email_prefix_idx"
  ON "Coworker" (lower(left("email", 3)), "fullName", "id") INCLUDE ("locationId", "active", "email");

-- Name and address without their first letter: a first name's trigrams are here only where
-- they appear inside a name or an address.
CREATE INDEX "Coworker_searchTail_trgm_idx" ON "Coworker" USING GIN (
  (lower(substr("fullName", 2)) || E'\n' || lower(substr(COALESCE("email", ''), 2))) gin_trgm_ops
) WITH (fastupdate = off);
