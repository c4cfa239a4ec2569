-- Written by hand: Prisma does not model index storage parameters (no schema change, no drift).
-- With GIN's default fast update, new rows wait in an unsorted pending list that every search
-- reads in full until (auto)vacuum merges it: right after 100k coworkers were added, a search
-- took ~145 ms instead of ~25 ms (docs/benchmarks.md). Coworkers are added rarely and searched
-- often, so each insert updates the index itself instead.
ALTER INDEX "Coworker_searchText_trgm_idx" SET (fastupdate = off);

-- Merge whatever is pending already.
SELECT gin_clean_pending_list('"Coworker_searchText_trgm_idx"'::regclass);
