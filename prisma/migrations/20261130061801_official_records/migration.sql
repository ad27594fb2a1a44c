-- CreateTable
CREATE TABLE "ProcesVerbal" (
    "id" UUID NOT NULL,
    "juryId" UUID NOT NULL,
    "language" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcesVerbal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CpfIdentity" (
    "candidateId" UUID NOT NULL,
    "birthName" TEXT NOT NULL,
    "usageName" TEXT,
    "firstNames" TEXT[],
    "birthDate" DATE NOT NULL,
    "sex" TEXT NOT NULL,
    "bornIn" TEXT NOT NULL,
    "birthCommuneInsee" TEXT,
    "birthPostalCode" TEXT,
    "birthCommuneName" TEXT,
    "birthCountryCode" TEXT,
    "birthCountryName" TEXT,
    "recordedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CpfIdentity_pkey" PRIMARY KEY ("candidateId")
);

-- CreateTable
CREATE TABLE "CpfSettings" (
    "id" TEXT NOT NULL,
    "idClient" TEXT NOT NULL,
    "idContrat" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CpfSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CpfDeclaration" (
    "id" UUID NOT NULL,
    "idFlux" TEXT NOT NULL,
    "xml" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'built',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "depositedAt" TIMESTAMP(3),
    "depositedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),

    CONSTRAINT "CpfDeclaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CpfDeclarationLine" (
    "id" UUID NOT NULL,
    "declarationId" UUID NOT NULL,
    "juryId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "rejectionReason" TEXT,
    "markedAt" TIMESTAMP(3),
    "markedBy" TEXT,

    CONSTRAINT "CpfDeclarationLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProcesVerbal_juryId_language_key" ON "ProcesVerbal"("juryId", "language");

-- CreateIndex
CREATE UNIQUE INDEX "CpfDeclaration_idFlux_key" ON "CpfDeclaration"("idFlux");

-- CreateIndex
CREATE INDEX "CpfDeclarationLine_juryId_status_idx" ON "CpfDeclarationLine"("juryId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CpfDeclarationLine_declarationId_juryId_key" ON "CpfDeclarationLine"("declarationId", "juryId");

-- AddForeignKey
ALTER TABLE "CpfDeclarationLine" ADD CONSTRAINT "CpfDeclarationLine_declarationId_fkey" FOREIGN KEY ("declarationId") REFERENCES "CpfDeclaration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

