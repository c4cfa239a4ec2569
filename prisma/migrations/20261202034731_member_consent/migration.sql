-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'CONSENT_REQUESTED';

-- AlterTable
ALTER TABLE "AccessRequest" ADD COLUMN     "memberApprovedAt" TIMESTAMP(3),
ADD COLUMN     "memberDeniedAt" TIMESTAMP(3),
ADD COLUMN     "needsMemberConsent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "needsSecondApproval" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Impersonation" ADD COLUMN     "urgent" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "LocationPolicy" ADD COLUMN     "askMemberFirst" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "urgentViewAllowed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "accessRequestId" UUID,
ALTER COLUMN "impersonationId" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Notification_accessRequestId_kind_key" ON "Notification"("accessRequestId", "kind");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_accessRequestId_fkey" FOREIGN KEY ("accessRequestId") REFERENCES "AccessRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A notice is about one view or one request for the member's consent, never both or neither.
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_about_one_thing"
  CHECK (("impersonationId" IS NULL) <> ("accessRequestId" IS NULL));
