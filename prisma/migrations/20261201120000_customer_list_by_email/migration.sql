-- The customer list by e-mail reads its pages from this index (rows without an address last,
-- as PostgreSQL sorts NULL), instead of sorting every customer for each page.
CREATE INDEX "Coworker_email_order_idx" ON "Coworker" ("email", "id");
