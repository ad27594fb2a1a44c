-- Addresses are compared without case: store them in lower case, then one person per address in a cohort.
-- A cohort that already holds two candidates whose addresses differ only by case stops the migration,
-- naming them: merge or correct them first (nothing is changed until then).
DO $$
DECLARE clashes text;
BEGIN
  SELECT string_agg(format('cohort %s: %s', "cohortId", lower(email)), '; ') INTO clashes
  FROM (SELECT "cohortId", lower(email) AS email FROM "Candidate" GROUP BY "cohortId", lower(email) HAVING count(*) > 1) dup;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION 'Candidates share an email address (ignoring case) within a cohort: %. Correct or merge them, then start again.', clashes;
  END IF;
END $$;

UPDATE "Candidate" SET email = lower(email) WHERE email <> lower(email);

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_cohortId_email_key" ON "Candidate"("cohortId", "email");

-- How an import's file was decoded (said in its report).
ALTER TABLE "CandidateImport" ADD COLUMN     "encoding" TEXT;
