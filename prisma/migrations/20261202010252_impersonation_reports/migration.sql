-- Members' "I did not expect this" about a view of their account, for the location's ADMINs and
-- OWNERs (packages/api/src/impersonation/report-unexpected-view.ts, impersonation-reports.ts).

-- AlterEnum
ALTER TYPE "ImpersonationEndReason" ADD VALUE 'MEMBER_REPORTED';

-- CreateTable
CREATE TABLE "ImpersonationReport" (
    "id" UUID NOT NULL,
    "impersonationId" UUID NOT NULL,
    "coworkerId" INTEGER NOT NULL,
    "words" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedByUserId" INTEGER,

    CONSTRAINT "ImpersonationReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImpersonationReport_impersonationId_key" ON "ImpersonationReport"("impersonationId");

-- CreateIndex
CREATE INDEX "ImpersonationReport_resolvedAt_createdAt_idx" ON "ImpersonationReport"("resolvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "ImpersonationReport_coworkerId_idx" ON "ImpersonationReport"("coworkerId");

-- AddForeignKey
ALTER TABLE "ImpersonationReport" ADD CONSTRAINT "ImpersonationReport_impersonationId_fkey" FOREIGN KEY ("impersonationId") REFERENCES "Impersonation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpersonationReport" ADD CONSTRAINT "ImpersonationReport_coworkerId_fkey" FOREIGN KEY ("coworkerId") REFERENCES "Coworker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpersonationReport" ADD CONSTRAINT "ImpersonationReport_resolvedByUserId_fkey" FOREIGN KEY ("resolvedByUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
