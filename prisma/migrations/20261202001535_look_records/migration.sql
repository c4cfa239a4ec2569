-- Reads served to impersonated sessions, written in batches outside the audit chain
-- (packages/api/src/looks), deleted by housekeeping after HOTDESK_LOOK_RETENTION_DAYS.

-- CreateTable
CREATE TABLE "LookRecord" (
    "id" BIGSERIAL NOT NULL,
    "impersonationId" UUID NOT NULL,
    "targetCoworkerId" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "what" TEXT NOT NULL,
    "objectIds" JSONB,
    "summary" TEXT,
    "subject" TEXT,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "LookRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LookRecord_impersonationId_occurredAt_idx" ON "LookRecord"("impersonationId", "occurredAt");

-- CreateIndex
CREATE INDEX "LookRecord_targetCoworkerId_occurredAt_idx" ON "LookRecord"("targetCoworkerId", "occurredAt");

-- CreateIndex
CREATE INDEX "LookRecord_occurredAt_idx" ON "LookRecord"("occurredAt");

-- AddForeignKey
ALTER TABLE "LookRecord" ADD CONSTRAINT "LookRecord_impersonationId_fkey" FOREIGN KEY ("impersonationId") REFERENCES "Impersonation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
