-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);

