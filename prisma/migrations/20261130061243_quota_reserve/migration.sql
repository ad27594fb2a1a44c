-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "quotaReserveCutoffOn" DATE;

-- CreateTable
CREATE TABLE "QuotaReserve" (
    "id" UUID NOT NULL,
    "cohortId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "journeyId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "reservedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "justificationRef" TEXT,

    CONSTRAINT "QuotaReserve_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuotaReserve_candidateId_key" ON "QuotaReserve"("candidateId");

-- CreateIndex
CREATE INDEX "QuotaReserve_cohortId_status_reservedAt_idx" ON "QuotaReserve"("cohortId", "status", "reservedAt");

-- AddForeignKey
ALTER TABLE "QuotaReserve" ADD CONSTRAINT "QuotaReserve_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaReserve" ADD CONSTRAINT "QuotaReserve_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

