-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SessionEndReason" ADD VALUE 'REFRESH_REUSED';
ALTER TYPE "SessionEndReason" ADD VALUE 'SIGNED_OUT_ELSEWHERE';
ALTER TYPE "SessionEndReason" ADD VALUE 'SIGNED_OUT_EVERYWHERE';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "successorSealed" TEXT;

-- CreateTable
CREATE TABLE "RotatedRefreshToken" (
    "tokenHash" CHAR(64) NOT NULL,
    "sessionId" UUID NOT NULL,
    "rotatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RotatedRefreshToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "RotatedRefreshToken_sessionId_idx" ON "RotatedRefreshToken"("sessionId");

-- AddForeignKey
ALTER TABLE "RotatedRefreshToken" ADD CONSTRAINT "RotatedRefreshToken_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
