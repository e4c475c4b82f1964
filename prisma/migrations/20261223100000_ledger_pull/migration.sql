-- Pull Transactions: per account registration and the worker's lease; the windows it asks.

-- AlterTable
ALTER TABLE "collection_accounts" ADD COLUMN "pull_registered_at" TIMESTAMPTZ(3),
ADD COLUMN "pull_registered_by" TEXT,
ADD COLUMN "pull_nominated_number" TEXT,
ADD COLUMN "pull_lease_until" TIMESTAMPTZ(3);

-- CreateEnum
CREATE TYPE "LedgerPullWindowStatus" AS ENUM ('PENDING', 'FAILED', 'COMPLETE', 'UNREACHABLE');

-- CreateTable
CREATE TABLE "ledger_pull_windows" (
    "id" BIGSERIAL NOT NULL,
    "collection_account_id" TEXT NOT NULL,
    "from_time" TIMESTAMPTZ(3) NOT NULL,
    "to_time" TIMESTAMPTZ(3) NOT NULL,
    "status" "LedgerPullWindowStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "lines" INTEGER NOT NULL DEFAULT 0,
    "new_lines" INTEGER NOT NULL DEFAULT 0,
    "unreadable_rows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "last_attempt_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "ledger_pull_windows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ledger_pull_windows_account_status_next_idx" ON "ledger_pull_windows"("collection_account_id", "status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "ledger_pull_windows_collection_account_id_to_time_idx" ON "ledger_pull_windows"("collection_account_id", "to_time");

-- AddForeignKey
ALTER TABLE "ledger_pull_windows" ADD CONSTRAINT "ledger_pull_windows_collection_account_id_fkey" FOREIGN KEY ("collection_account_id") REFERENCES "collection_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
