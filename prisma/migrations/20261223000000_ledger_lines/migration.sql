-- M-Pesa's own ledger: one line per receipt and collection account, whatever number of sources
-- (STK callbacks, C2B confirmations, Pull Transactions, statements, Transaction Status) told of it,
-- and what matching it against the payments found.

-- CreateEnum
CREATE TYPE "LedgerDirection" AS ENUM ('IN', 'OUT', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "LedgerMatchStatus" AS ENUM ('PENDING', 'MATCHED', 'FILLED', 'HEALED', 'MISMATCHED', 'UNATTACHED', 'NOT_A_PAYMENT');

-- CreateTable
CREATE TABLE "ledger_lines" (
    "id" BIGSERIAL NOT NULL,
    "collection_account_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "currency" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "shortcode" TEXT,
    "direction" "LedgerDirection" NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "msisdn" JSONB,
    "counterparty_name" TEXT,
    "account_reference" TEXT,
    "linked_receipt" TEXT,
    "transaction_type" TEXT,
    "sources" TEXT[] NOT NULL,
    "disagreement" TEXT,
    "match_status" "LedgerMatchStatus" NOT NULL DEFAULT 'PENDING',
    "payment_id" TEXT,
    "matched_at" TIMESTAMPTZ(3),
    "match_note" TEXT,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_lines_collection_account_id_receipt_key" ON "ledger_lines"("collection_account_id", "receipt");

-- CreateIndex
CREATE INDEX "ledger_lines_match_status_last_seen_at_idx" ON "ledger_lines"("match_status", "last_seen_at");

-- CreateIndex
CREATE INDEX "ledger_lines_payment_id_idx" ON "ledger_lines"("payment_id");

-- CreateIndex
CREATE INDEX "ledger_lines_collection_account_id_completed_at_idx" ON "ledger_lines"("collection_account_id", "completed_at");

-- AddForeignKey
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_collection_account_id_fkey" FOREIGN KEY ("collection_account_id") REFERENCES "collection_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "ledger_coverage" (
    "id" BIGSERIAL NOT NULL,
    "collection_account_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "from_time" TIMESTAMPTZ(3) NOT NULL,
    "to_time" TIMESTAMPTZ(3) NOT NULL,
    "reference" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ledger_coverage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_coverage_collection_account_id_source_reference_key" ON "ledger_coverage"("collection_account_id", "source", "reference");

-- CreateIndex
CREATE INDEX "ledger_coverage_collection_account_id_from_time_to_time_idx" ON "ledger_coverage"("collection_account_id", "from_time", "to_time");

-- AddForeignKey
ALTER TABLE "ledger_coverage" ADD CONSTRAINT "ledger_coverage_collection_account_id_fkey" FOREIGN KEY ("collection_account_id") REFERENCES "collection_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "payments" ADD COLUMN "ledger_missing_at" TIMESTAMPTZ(3);
