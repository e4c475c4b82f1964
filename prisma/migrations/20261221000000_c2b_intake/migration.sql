-- C2B: confirmations share the callback log (a kind column says which notification a row is),
-- storefronts choose how validation requests are answered, accounts remember their C2B
-- registration, and C2B payments that match no payment wait in unattached_receipts for finance.

-- CreateEnum
CREATE TYPE "CallbackKind" AS ENUM ('STK', 'C2B_CONFIRMATION');

-- CreateEnum
CREATE TYPE "C2bValidationRule" AS ENUM ('ACCEPT_ALL', 'OPEN_PAYMENT', 'PATTERN');

-- CreateEnum
CREATE TYPE "UnattachedReceiptStatus" AS ENUM ('UNATTACHED', 'ATTACHED', 'DIRECT');

-- AlterTable
ALTER TABLE "callback_logs" ADD COLUMN "kind" "CallbackKind" NOT NULL DEFAULT 'STK';

-- AlterTable
ALTER TABLE "storefronts" ADD COLUMN "c2b_validation_rule" "C2bValidationRule" NOT NULL DEFAULT 'ACCEPT_ALL',
ADD COLUMN "c2b_validation_pattern" TEXT;

-- AlterTable
ALTER TABLE "collection_accounts" ADD COLUMN "c2b_registered_at" TIMESTAMPTZ(3),
ADD COLUMN "c2b_registered_by" TEXT;

-- CreateTable
CREATE TABLE "unattached_receipts" (
    "id" TEXT NOT NULL,
    "collection_account_id" TEXT NOT NULL,
    "storefront_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "receipt" TEXT NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "bill_ref_number" TEXT,
    "msisdn" TEXT,
    "payer_name" TEXT,
    "transaction_type" TEXT,
    "trans_time" TIMESTAMPTZ(3),
    "callback_log_id" BIGINT NOT NULL,
    "status" "UnattachedReceiptStatus" NOT NULL DEFAULT 'UNATTACHED',
    "payment_id" TEXT,
    "resolved_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unattached_receipts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "unattached_receipts_collection_account_id_receipt_key" ON "unattached_receipts"("collection_account_id", "receipt");

-- CreateIndex
CREATE INDEX "unattached_receipts_status_created_at_idx" ON "unattached_receipts"("status", "created_at");

-- CreateIndex
CREATE INDEX "unattached_receipts_payment_id_idx" ON "unattached_receipts"("payment_id");

-- CreateIndex
CREATE INDEX "unattached_receipts_callback_log_id_idx" ON "unattached_receipts"("callback_log_id");

-- AddForeignKey
ALTER TABLE "unattached_receipts" ADD CONSTRAINT "unattached_receipts_collection_account_id_fkey" FOREIGN KEY ("collection_account_id") REFERENCES "collection_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unattached_receipts" ADD CONSTRAINT "unattached_receipts_storefront_id_fkey" FOREIGN KEY ("storefront_id") REFERENCES "storefronts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unattached_receipts" ADD CONSTRAINT "unattached_receipts_callback_log_id_fkey" FOREIGN KEY ("callback_log_id") REFERENCES "callback_logs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unattached_receipts" ADD CONSTRAINT "unattached_receipts_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE SET NULL ON UPDATE CASCADE;
