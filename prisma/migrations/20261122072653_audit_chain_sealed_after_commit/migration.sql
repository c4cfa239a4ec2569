-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainSeq" BIGINT,
ADD COLUMN     "digest" CHAR(64);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chainSeq_key" ON "AuditEvent"("chainSeq");

-- Rows chained before this migration keep their hashes: their position is their id order.
UPDATE "AuditEvent" AS e
SET "chainSeq" = s.position
FROM (
  SELECT id, row_number() OVER (ORDER BY id) AS position
  FROM "AuditEvent"
  WHERE "hash" IS NOT NULL
) AS s
WHERE e.id = s.id;
