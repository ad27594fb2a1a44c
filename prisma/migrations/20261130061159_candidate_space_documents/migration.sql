-- CreateTable
CREATE TABLE "StoredFile" (
    "id" UUID NOT NULL,
    "ownerRef" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "backend" TEXT NOT NULL DEFAULT 'local',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedBy" TEXT NOT NULL,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DossierPieceVersion" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "fileId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DossierPieceVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateSignInLink" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CandidateSignInLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateSession" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "absoluteExpiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CandidateSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CohortIntake" (
    "cohortId" UUID NOT NULL,
    "open" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "CohortIntake_pkey" PRIMARY KEY ("cohortId")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL,
    "cohortId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "answers" JSONB NOT NULL,
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "candidateId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StoredFile_ownerRef_idx" ON "StoredFile"("ownerRef");

-- CreateIndex
CREATE INDEX "StoredFile_sha256_idx" ON "StoredFile"("sha256");

-- CreateIndex
CREATE INDEX "DossierPieceVersion_candidateId_idx" ON "DossierPieceVersion"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "DossierPieceVersion_candidateId_kind_version_key" ON "DossierPieceVersion"("candidateId", "kind", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CandidateSignInLink_tokenHash_key" ON "CandidateSignInLink"("tokenHash");

-- CreateIndex
CREATE INDEX "CandidateSignInLink_candidateId_idx" ON "CandidateSignInLink"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "CandidateSession_tokenHash_key" ON "CandidateSession"("tokenHash");

-- CreateIndex
CREATE INDEX "CandidateSession_candidateId_idx" ON "CandidateSession"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_confirmTokenHash_key" ON "Application"("confirmTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Application_cohortId_email_key" ON "Application"("cohortId", "email");

-- AddForeignKey
ALTER TABLE "DossierPieceVersion" ADD CONSTRAINT "DossierPieceVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

