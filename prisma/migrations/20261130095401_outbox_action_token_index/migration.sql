-- CreateIndex
CREATE INDEX "OutboxEmail_actionTokenId_idx" ON "OutboxEmail"("actionTokenId");

