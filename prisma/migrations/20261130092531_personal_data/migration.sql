-- CreateTable
CREATE TABLE "PersonalDataExport" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonalDataExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionReport" (
    "id" UUID NOT NULL,
    "runKey" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL,
    "years" INTEGER NOT NULL,
    "cutoffAt" TIMESTAMP(3) NOT NULL,
    "due" JSONB NOT NULL,
    "erased" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'planned',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "RetentionReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PersonalDataExport_tokenHash_key" ON "PersonalDataExport"("tokenHash");

-- CreateIndex
CREATE INDEX "PersonalDataExport_candidateId_idx" ON "PersonalDataExport"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionReport_runKey_key" ON "RetentionReport"("runKey");

