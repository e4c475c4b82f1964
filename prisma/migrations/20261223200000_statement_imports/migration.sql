-- Org portal statement files read into the ledger: one row per (collection account, file hash),
-- so uploading the same file again changes nothing.

-- CreateTable
CREATE TABLE "statement_imports" (
    "id" BIGSERIAL NOT NULL,
    "collection_account_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "byte_count" INTEGER NOT NULL,
    "layout" TEXT NOT NULL,
    "period_from" TIMESTAMPTZ(3),
    "period_to" TIMESTAMPTZ(3),
    "lines_read" INTEGER NOT NULL,
    "recorded_count" INTEGER NOT NULL,
    "updated_count" INTEGER NOT NULL,
    "already_known_count" INTEGER NOT NULL,
    "disagreement_count" INTEGER NOT NULL,
    "skipped_count" INTEGER NOT NULL,
    "rejected_count" INTEGER NOT NULL,
    "complete" BOOLEAN NOT NULL,
    "report" JSONB NOT NULL,
    "uploaded_by_id" TEXT,
    "uploaded_by_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "statement_imports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "statement_imports_collection_account_id_sha256_key" ON "statement_imports"("collection_account_id", "sha256");

-- CreateIndex
CREATE INDEX "statement_imports_created_at_idx" ON "statement_imports"("created_at");

-- AddForeignKey
ALTER TABLE "statement_imports" ADD CONSTRAINT "statement_imports_collection_account_id_fkey" FOREIGN KEY ("collection_account_id") REFERENCES "collection_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The reconciliation screen sums succeeded payments and ledger lines per day of completion.
-- CreateIndex
CREATE INDEX "payments_status_completed_at_idx" ON "payments"("status", "completed_at");

-- CreateIndex
CREATE INDEX "ledger_lines_mode_completed_at_idx" ON "ledger_lines"("mode", "completed_at");
