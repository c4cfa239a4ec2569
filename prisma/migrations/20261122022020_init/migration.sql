-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "OperatorRoleKind" AS ENUM ('OWNER', 'ADMIN', 'OPERATOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "CoworkerType" AS ENUM ('INDIVIDUAL', 'COMPANY');

-- CreateEnum
CREATE TYPE "SessionAudience" AS ENUM ('ADMIN', 'PORTAL');

-- CreateEnum
CREATE TYPE "SessionEndReason" AS ENUM ('SIGNED_OUT', 'EXITED', 'EXPIRED', 'REVOKED', 'ACTOR_SESSION_ENDED', 'ROTATED');

-- CreateEnum
CREATE TYPE "ImpersonationKind" AS ENUM ('OPERATOR', 'TEAM_ADMIN');

-- CreateEnum
CREATE TYPE "ImpersonationMode" AS ENUM ('READ_ONLY', 'FULL');

-- CreateEnum
CREATE TYPE "ImpersonationEndReason" AS ENUM ('EXITED', 'EXPIRED', 'REVOKED', 'ACTOR_SESSION_ENDED');

-- CreateTable
CREATE TABLE "Location" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "webAddress" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" CITEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "mustResetPassword" BOOLEAN NOT NULL DEFAULT false,
    "totpSecret" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperatorRole" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "locationId" INTEGER,
    "role" "OperatorRoleKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OperatorRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Coworker" (
    "id" SERIAL NOT NULL,
    "locationId" INTEGER NOT NULL,
    "userId" INTEGER,
    "fullName" TEXT NOT NULL,
    "email" TEXT,
    "companyName" TEXT,
    "type" "CoworkerType" NOT NULL DEFAULT 'INDIVIDUAL',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "hasVirtualOffice" BOOLEAN NOT NULL DEFAULT false,
    "virtualOfficePaused" BOOLEAN NOT NULL DEFAULT false,
    "virtualOfficeContractId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Coworker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "locationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMember" (
    "id" SERIAL NOT NULL,
    "teamId" INTEGER NOT NULL,
    "coworkerId" INTEGER NOT NULL,
    "isAdministrator" BOOLEAN NOT NULL DEFAULT false,
    "canMakeBookings" BOOLEAN NOT NULL DEFAULT true,
    "canBookForTeam" BOOLEAN NOT NULL DEFAULT false,
    "canPurchaseProducts" BOOLEAN NOT NULL DEFAULT true,
    "canPurchaseEvents" BOOLEAN NOT NULL DEFAULT true,
    "canAccessCommunity" BOOLEAN NOT NULL DEFAULT true,
    "accessCardId" VARCHAR(15),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "userId" INTEGER,
    "coworkerId" INTEGER,
    "audience" "SessionAudience" NOT NULL,
    "clientId" TEXT,
    "accessTokenHash" TEXT NOT NULL,
    "accessExpiresAt" TIMESTAMP(3) NOT NULL,
    "refreshTokenHash" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "endedReason" "SessionEndReason",
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Impersonation" (
    "id" UUID NOT NULL,
    "kind" "ImpersonationKind" NOT NULL,
    "mode" "ImpersonationMode" NOT NULL DEFAULT 'READ_ONLY',
    "reason" TEXT,
    "actorUserId" INTEGER NOT NULL,
    "actorCoworkerId" INTEGER,
    "actorSessionId" UUID,
    "targetCoworkerId" INTEGER NOT NULL,
    "locationId" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tokenExpiresAt" TIMESTAMP(3) NOT NULL,
    "exchangedAt" TIMESTAMP(3),
    "sessionId" UUID,
    "sessionExpiresAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedReason" "ImpersonationEndReason",

    CONSTRAINT "Impersonation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" INTEGER,
    "actorCoworkerId" INTEGER,
    "targetCoworkerId" INTEGER,
    "locationId" INTEGER,
    "impersonationId" UUID,
    "sessionId" UUID,
    "ip" TEXT,
    "userAgent" TEXT,
    "data" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStartedAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Location_webAddress_key" ON "Location"("webAddress");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "OperatorRole_locationId_idx" ON "OperatorRole"("locationId");

-- CreateIndex
CREATE UNIQUE INDEX "OperatorRole_userId_locationId_key" ON "OperatorRole"("userId", "locationId");

-- CreateIndex
CREATE INDEX "Coworker_locationId_fullName_idx" ON "Coworker"("locationId", "fullName");

-- CreateIndex
CREATE INDEX "Coworker_userId_idx" ON "Coworker"("userId");

-- CreateIndex
CREATE INDEX "Coworker_fullName_trgm_idx" ON "Coworker" USING GIN ("fullName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Coworker_email_trgm_idx" ON "Coworker" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Team_locationId_name_key" ON "Team"("locationId", "name");

-- CreateIndex
CREATE INDEX "TeamMember_coworkerId_idx" ON "TeamMember"("coworkerId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamMember_teamId_coworkerId_key" ON "TeamMember"("teamId", "coworkerId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_accessTokenHash_key" ON "Session"("accessTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Session_refreshTokenHash_key" ON "Session"("refreshTokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_revokedAt_idx" ON "Session"("userId", "revokedAt");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Impersonation_sessionId_key" ON "Impersonation"("sessionId");

-- CreateIndex
CREATE INDEX "Impersonation_targetCoworkerId_issuedAt_idx" ON "Impersonation"("targetCoworkerId", "issuedAt");

-- CreateIndex
CREATE INDEX "Impersonation_actorUserId_issuedAt_idx" ON "Impersonation"("actorUserId", "issuedAt");

-- CreateIndex
CREATE INDEX "Impersonation_locationId_endedAt_idx" ON "Impersonation"("locationId", "endedAt");

-- CreateIndex
CREATE INDEX "Impersonation_actorSessionId_idx" ON "Impersonation"("actorSessionId");

-- CreateIndex
CREATE INDEX "AuditEvent_locationId_occurredAt_idx" ON "AuditEvent"("locationId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_occurredAt_idx" ON "AuditEvent"("actorUserId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_targetCoworkerId_occurredAt_idx" ON "AuditEvent"("targetCoworkerId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_type_occurredAt_idx" ON "AuditEvent"("type", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_impersonationId_idx" ON "AuditEvent"("impersonationId");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- AddForeignKey
ALTER TABLE "OperatorRole" ADD CONSTRAINT "OperatorRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorRole" ADD CONSTRAINT "OperatorRole_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Coworker" ADD CONSTRAINT "Coworker_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Coworker" ADD CONSTRAINT "Coworker_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_coworkerId_fkey" FOREIGN KEY ("coworkerId") REFERENCES "Coworker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_coworkerId_fkey" FOREIGN KEY ("coworkerId") REFERENCES "Coworker"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_actorCoworkerId_fkey" FOREIGN KEY ("actorCoworkerId") REFERENCES "Coworker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_actorSessionId_fkey" FOREIGN KEY ("actorSessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_targetCoworkerId_fkey" FOREIGN KEY ("targetCoworkerId") REFERENCES "Coworker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonation" ADD CONSTRAINT "Impersonation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorCoworkerId_fkey" FOREIGN KEY ("actorCoworkerId") REFERENCES "Coworker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_targetCoworkerId_fkey" FOREIGN KEY ("targetCoworkerId") REFERENCES "Coworker"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_impersonationId_fkey" FOREIGN KEY ("impersonationId") REFERENCES "Impersonation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
