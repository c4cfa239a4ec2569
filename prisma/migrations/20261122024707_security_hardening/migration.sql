-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" CHAR(64),
ADD COLUMN     "prevHash" CHAR(64);

-- AlterTable
ALTER TABLE "Coworker" ADD COLUMN     "allowTeamAdminImpersonation" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "reauthenticatedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "LocationPolicy" (
    "locationId" INTEGER NOT NULL,
    "operatorImpersonationEnabled" BOOLEAN NOT NULL DEFAULT true,
    "teamAdminImpersonationEnabled" BOOLEAN NOT NULL DEFAULT true,
    "maxSessionMinutes" INTEGER NOT NULL DEFAULT 60,
    "fullModeAllowed" BOOLEAN NOT NULL DEFAULT true,
    "reasonRequired" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByUserId" INTEGER,

    CONSTRAINT "LocationPolicy_pkey" PRIMARY KEY ("locationId")
);

-- AddForeignKey
ALTER TABLE "LocationPolicy" ADD CONSTRAINT "LocationPolicy_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocationPolicy" ADD CONSTRAINT "LocationPolicy_updatedByUserId_fkey" FOREIGN KEY ("updatedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
