-- AlterTable
ALTER TABLE "ProcesVerbal" ADD COLUMN     "fileId" UUID,
ALTER COLUMN "bytes" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "ProcesVerbal" ADD CONSTRAINT "ProcesVerbal_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

