-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "sealedToken" TEXT;

