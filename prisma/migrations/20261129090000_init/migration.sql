-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Cohort" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "referentialCode" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "capacity" INTEGER,
    "specificRecruitmentContext" BOOLEAN NOT NULL DEFAULT false,
    "contextJustification" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cohort_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" UUID NOT NULL,
    "cohortId" UUID NOT NULL,
    "externalRef" TEXT,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "route" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "enrolledBlocks" TEXT[],
    "accommodations" JSONB NOT NULL DEFAULT '{}',
    "declaredProfile" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erasedAt" TIMESTAMP(3),

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DossierPiece" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT,
    "storageRef" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedBy" TEXT NOT NULL,

    CONSTRAINT "DossierPiece_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EligibilityResult" (
    "candidateId" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EligibilityResult_pkey" PRIMARY KEY ("candidateId")
);

-- CreateTable
CREATE TABLE "Admission" (
    "id" UUID NOT NULL,
    "cohortId" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "countedInQuota" BOOLEAN NOT NULL,
    "admittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Admission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentResult" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "blockCode" TEXT NOT NULL,
    "assessmentCode" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "grade" DECIMAL(4,2) NOT NULL,
    "assessorRef" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InternshipPeriod" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "organisation" TEXT NOT NULL,
    "startOn" DATE NOT NULL,
    "endOn" DATE NOT NULL,
    "fteRatio" DECIMAL(4,3) NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "confirmedBy" TEXT,

    CONSTRAINT "InternshipPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Thesis" (
    "candidateId" UUID NOT NULL,
    "title" TEXT,
    "submittedAt" TIMESTAMP(3),
    "defenceOn" DATE,
    "grade" DECIMAL(4,2),
    "validated" BOOLEAN,

    CONSTRAINT "Thesis_pkey" PRIMARY KEY ("candidateId")
);

-- CreateTable
CREATE TABLE "Jury" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "sittingOn" DATE,
    "status" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "deliberation" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Jury_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JuryMember" (
    "id" UUID NOT NULL,
    "juryId" UUID NOT NULL,
    "personRef" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "inActivity" BOOLEAN NOT NULL DEFAULT true,
    "replacedAt" TIMESTAMP(3),

    CONSTRAINT "JuryMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JuryDecision" (
    "id" UUID NOT NULL,
    "decisionId" TEXT NOT NULL,
    "juryId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "JuryDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JourneyView" (
    "journeyId" TEXT NOT NULL,
    "candidateId" UUID NOT NULL,
    "cohortId" UUID NOT NULL,
    "route" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "awaiting" JSONB NOT NULL DEFAULT '[]',
    "nextDueAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JourneyView_pkey" PRIMARY KEY ("journeyId")
);

-- CreateTable
CREATE TABLE "JourneyNote" (
    "id" UUID NOT NULL,
    "journeyId" TEXT NOT NULL,
    "authorRef" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JourneyNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "journeyId" TEXT,
    "candidateId" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dedupKey" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "journeyId" TEXT,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "recipientRef" TEXT,
    "actionTokenId" UUID,
    "resendCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionToken" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "recipientRole" TEXT NOT NULL,
    "subjectRef" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recipientRef" TEXT,
    "useCount" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ActionToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotentRequest" (
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "statusCode" INTEGER,
    "responseBody" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "IdempotentRequest_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CandidateImport" (
    "id" UUID NOT NULL,
    "cohortId" UUID NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CandidateImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateImportRow" (
    "importId" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "externalRef" TEXT,
    "status" TEXT NOT NULL,
    "candidateId" UUID,
    "reasons" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "CandidateImportRow_pkey" PRIMARY KEY ("importId","line")
);

-- CreateTable
CREATE TABLE "FollowUpAnswer" (
    "id" UUID NOT NULL,
    "candidateId" UUID NOT NULL,
    "wave" INTEGER NOT NULL,
    "employed" BOOLEAN NOT NULL,
    "inTargetJob" BOOLEAN NOT NULL,
    "romeCode" TEXT,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemCheck" (
    "id" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'started',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "SystemCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_code_key" ON "Cohort"("code");

-- CreateIndex
CREATE INDEX "Candidate_cohortId_idx" ON "Candidate"("cohortId");

-- CreateIndex
CREATE INDEX "Candidate_email_idx" ON "Candidate"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_cohortId_externalRef_key" ON "Candidate"("cohortId", "externalRef");

-- CreateIndex
CREATE UNIQUE INDEX "DossierPiece_candidateId_kind_key" ON "DossierPiece"("candidateId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Admission_candidateId_key" ON "Admission"("candidateId");

-- CreateIndex
CREATE INDEX "Admission_cohortId_category_idx" ON "Admission"("cohortId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentResult_candidateId_assessmentCode_attempt_key" ON "AssessmentResult"("candidateId", "assessmentCode", "attempt");

-- CreateIndex
CREATE INDEX "Jury_candidateId_idx" ON "Jury"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "JuryDecision_decisionId_key" ON "JuryDecision"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "JourneyView_candidateId_key" ON "JourneyView"("candidateId");

-- CreateIndex
CREATE INDEX "JourneyView_cohortId_stage_idx" ON "JourneyView"("cohortId", "stage");

-- CreateIndex
CREATE INDEX "JourneyView_stage_nextDueAt_idx" ON "JourneyView"("stage", "nextDueAt");

-- CreateIndex
CREATE INDEX "JourneyNote_journeyId_idx" ON "JourneyNote"("journeyId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_dedupKey_key" ON "AuditEvent"("dedupKey");

-- CreateIndex
CREATE INDEX "AuditEvent_journeyId_at_idx" ON "AuditEvent"("journeyId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_candidateId_at_idx" ON "AuditEvent"("candidateId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEmail_idempotencyKey_key" ON "OutboxEmail"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_createdAt_idx" ON "OutboxEmail"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_journeyId_idx" ON "OutboxEmail"("journeyId");

-- CreateIndex
CREATE UNIQUE INDEX "ActionToken_tokenHash_key" ON "ActionToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ActionToken_journeyId_idx" ON "ActionToken"("journeyId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "CandidateImport_cohortId_createdAt_idx" ON "CandidateImport"("cohortId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpAnswer_candidateId_wave_key" ON "FollowUpAnswer"("candidateId", "wave");

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DossierPiece" ADD CONSTRAINT "DossierPiece_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EligibilityResult" ADD CONSTRAINT "EligibilityResult_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Admission" ADD CONSTRAINT "Admission_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Admission" ADD CONSTRAINT "Admission_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InternshipPeriod" ADD CONSTRAINT "InternshipPeriod_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Thesis" ADD CONSTRAINT "Thesis_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Jury" ADD CONSTRAINT "Jury_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryMember" ADD CONSTRAINT "JuryMember_juryId_fkey" FOREIGN KEY ("juryId") REFERENCES "Jury"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryDecision" ADD CONSTRAINT "JuryDecision_juryId_fkey" FOREIGN KEY ("juryId") REFERENCES "Jury"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JuryDecision" ADD CONSTRAINT "JuryDecision_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "JuryMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateImportRow" ADD CONSTRAINT "CandidateImportRow_importId_fkey" FOREIGN KEY ("importId") REFERENCES "CandidateImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpAnswer" ADD CONSTRAINT "FollowUpAnswer_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

