-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "digestId" UUID;

-- CreateTable
CREATE TABLE "JuryQueueLink" (
    "id" UUID NOT NULL,
    "personRef" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JuryQueueLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JuryQueueSession" (
    "id" UUID NOT NULL,
    "personRef" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "absoluteExpiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "JuryQueueSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JuryDigest" (
    "id" UUID NOT NULL,
    "personRef" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "outboxId" UUID,
    "itemCount" INTEGER NOT NULL,
    "newCount" INTEGER NOT NULL,

    CONSTRAINT "JuryDigest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "JuryQueueLink_tokenHash_key" ON "JuryQueueLink"("tokenHash");

-- CreateIndex
CREATE INDEX "JuryQueueLink_personRef_idx" ON "JuryQueueLink"("personRef");

-- CreateIndex
CREATE UNIQUE INDEX "JuryQueueSession_tokenHash_key" ON "JuryQueueSession"("tokenHash");

-- CreateIndex
CREATE INDEX "JuryQueueSession_personRef_idx" ON "JuryQueueSession"("personRef");

-- CreateIndex
CREATE INDEX "JuryDigest_personRef_at_idx" ON "JuryDigest"("personRef", "at");

-- CreateIndex
CREATE UNIQUE INDEX "JuryDigest_personRef_at_key" ON "JuryDigest"("personRef", "at");

