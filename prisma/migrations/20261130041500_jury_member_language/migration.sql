-- Jury members (reviewers, interviewers, assessors, certification jury) read their emails and link pages in their language.
ALTER TABLE "JuryMember" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'fr';
