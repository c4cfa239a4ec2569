-- CreateEnum
CREATE TYPE "AccessRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'USED');

-- AlterTable
ALTER TABLE "LocationPolicy" ADD COLUMN     "fullAccessNeedsSecondApproval" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" UUID NOT NULL,
    "kind" "ImpersonationKind" NOT NULL,
    "mode" "ImpersonationMode" NOT NULL,
    "reason" TEXT,
    "requesterUserId" INTEGER NOT NULL,
    "requesterSessionId" UUID,
    "targetCoworkerId" INTEGER NOT NULL,
    "locationId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "status" "AccessRequestStatus" NOT NULL DEFAULT 'PENDING',
    "secondApproverUserId" INTEGER,
    "secondApprovedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "usedByImpersonationId" UUID,

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequest_usedByImpersonationId_key" ON "AccessRequest"("usedByImpersonationId");

-- CreateIndex
CREATE INDEX "AccessRequest_requesterUserId_targetCoworkerId_status_idx" ON "AccessRequest"("requesterUserId", "targetCoworkerId", "status");

-- CreateIndex
CREATE INDEX "AccessRequest_locationId_status_idx" ON "AccessRequest"("locationId", "status");

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_requesterUserId_fkey" FOREIGN KEY ("requesterUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_secondApproverUserId_fkey" FOREIGN KEY ("secondApproverUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_targetCoworkerId_fkey" FOREIGN KEY ("targetCoworkerId") REFERENCES "Coworker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_usedByImpersonationId_fkey" FOREIGN KEY ("usedByImpersonationId") REFERENCES "Impersonation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
