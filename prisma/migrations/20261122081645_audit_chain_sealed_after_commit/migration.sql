-- Events are now chained after they commit, in a table of their own (audit/audit-sealer.ts).

-- CreateTable
CREATE TABLE "AuditChainLink" (
    "seq" BIGINT NOT NULL,
    "eventId" BIGINT NOT NULL,
    "prevHash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "AuditChainLink_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditSealQueue" (
    "eventId" BIGINT NOT NULL,

    CONSTRAINT "AuditSealQueue_pkey" PRIMARY KEY ("eventId")
);

-- Events chained before this migration keep their links, in their id order.
INSERT INTO "AuditChainLink" ("seq", "eventId", "prevHash", "hash")
SELECT row_number() OVER (ORDER BY "id"), "id", "prevHash", "hash"
FROM "AuditEvent"
WHERE "hash" IS NOT NULL AND "prevHash" IS NOT NULL;

-- AlterTable
ALTER TABLE "AuditEvent" DROP COLUMN "hash",
DROP COLUMN "prevHash",
ADD COLUMN     "digest" CHAR(64);

-- CreateIndex
CREATE UNIQUE INDEX "AuditChainLink_eventId_key" ON "AuditChainLink"("eventId");

-- AddForeignKey
ALTER TABLE "AuditChainLink" ADD CONSTRAINT "AuditChainLink_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditSealQueue" ADD CONSTRAINT "AuditSealQueue_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
