-- CreateTable
CREATE TABLE "SpentMailLink" (
    "jti" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "spentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpentMailLink_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "SpentMailLink_spentAt_idx" ON "SpentMailLink"("spentAt");
