-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('VIEW_STARTED', 'VIEW_ENDED');

-- AlterTable
ALTER TABLE "Coworker" ADD COLUMN     "emailViewNotices" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "coworkerId" INTEGER NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "impersonationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "data" JSONB NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifierCursor" (
    "name" TEXT NOT NULL,
    "lastEventId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotifierCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" BIGSERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_coworkerId_createdAt_idx" ON "Notification"("coworkerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_impersonationId_kind_key" ON "Notification"("impersonationId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEmail_messageId_key" ON "OutboxEmail"("messageId");

-- CreateIndex
CREATE INDEX "OutboxEmail_sentAt_nextAttemptAt_idx" ON "OutboxEmail"("sentAt", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_coworkerId_fkey" FOREIGN KEY ("coworkerId") REFERENCES "Coworker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_impersonationId_fkey" FOREIGN KEY ("impersonationId") REFERENCES "Impersonation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A deployment that upgrades tells its members of views from now on, not of its whole history.
INSERT INTO "NotifierCursor" ("name", "lastEventId", "updatedAt")
SELECT 'views', COALESCE(max("id"), 0), CURRENT_TIMESTAMP FROM "AuditEvent";
