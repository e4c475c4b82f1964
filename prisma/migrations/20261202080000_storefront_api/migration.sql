-- Storefront API: idempotency keys scoped per mode, and the index behind GET /api/v1/payments.

-- AlterTable
-- Rows kept from before this migration are treated as live: a retried live request must still find
-- its key (a second prompt on a customer's phone costs real money; a second test prompt does not).
ALTER TABLE "idempotency_keys" ADD COLUMN "mode" "Mode" NOT NULL DEFAULT 'LIVE';
ALTER TABLE "idempotency_keys" ALTER COLUMN "mode" DROP DEFAULT;

-- DropIndex
DROP INDEX "idempotency_keys_storefront_id_key_key";

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_keys_storefront_id_mode_key_key" ON "idempotency_keys"("storefront_id", "mode", "key");

-- The storefront's list, newest first with the id as tie-breaker, is a cursor walk on this index.
CREATE INDEX "payments_storefront_mode_created_id_manual" ON "payments" ("storefront_id", "mode", "created_at" DESC, "id" DESC);
