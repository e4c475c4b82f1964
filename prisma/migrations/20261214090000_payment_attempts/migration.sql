-- Payment attempts: each push of a payment's prompt, with the rail's ids, so a payment can be sent
-- again ("send the prompt again") and every callback and status query answer is matched to the push
-- it answers. The payment keeps its own merchant_request_id / checkout_request_id as those of its
-- latest attempt (search, CSV and the API read them there). An attempt records the collection
-- account its push went through (null, like the payment's, meaning the environment's account).

-- CreateEnum
CREATE TYPE "AttemptStatus" AS ENUM ('INITIATING', 'PENDING', 'UNKNOWN', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED');

-- CreateTable
CREATE TABLE "payment_attempts" (
    "id" TEXT NOT NULL,
    "payment_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" "AttemptStatus" NOT NULL DEFAULT 'INITIATING',
    "merchant_request_id" TEXT,
    "checkout_request_id" TEXT,
    "result_code" TEXT,
    "collection_account_id" TEXT,
    "requested_by" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payment_attempts_checkout_request_id_key" ON "payment_attempts"("checkout_request_id");
CREATE UNIQUE INDEX "payment_attempts_payment_id_sequence_key" ON "payment_attempts"("payment_id", "sequence");
CREATE INDEX "payment_attempts_merchant_request_id_idx" ON "payment_attempts"("merchant_request_id");
CREATE INDEX "payment_attempts_collection_account_id_idx" ON "payment_attempts"("collection_account_id");

-- AddForeignKey
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_collection_account_id_fkey" FOREIGN KEY ("collection_account_id") REFERENCES "collection_accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every existing payment had exactly one push: it becomes attempt 1, with the payment's ids. Its
-- status follows the payment's: an initiating push whose answer never came is UNKNOWN; an expired
-- payment whose outcome a later final failure confirmed (it kept that result, no more queries) is
-- FAILED; one under review is SUCCEEDED when M-Pesa reported a success (result 0) and UNKNOWN
-- otherwise, so a reviewed payment is never sent again on a guess.
INSERT INTO "payment_attempts" ("id", "payment_id", "sequence", "status", "merchant_request_id", "checkout_request_id", "result_code", "collection_account_id", "created_at", "updated_at", "completed_at")
SELECT 'att_' || substr(md5(p."id" || random()::text), 1, 24), p."id", 1,
       (CASE
          WHEN p."status" = 'INITIATING' AND p."outcome_unknown" THEN 'UNKNOWN'
          WHEN p."status" = 'INITIATING' THEN 'INITIATING'
          WHEN p."status" = 'PENDING' THEN 'PENDING'
          WHEN p."status" = 'SUCCEEDED' THEN 'SUCCEEDED'
          WHEN p."status" = 'FAILED' THEN 'FAILED'
          WHEN p."status" = 'CANCELLED' THEN 'CANCELLED'
          WHEN p."status" = 'EXPIRED' AND p."next_query_at" IS NULL AND p."result_code" IS NOT NULL AND p."result_code" <> '0' THEN 'FAILED'
          WHEN p."status" = 'EXPIRED' THEN 'EXPIRED'
          WHEN p."result_code" = '0' THEN 'SUCCEEDED'
          ELSE 'UNKNOWN'
        END)::"AttemptStatus",
       p."merchant_request_id", p."checkout_request_id", p."result_code", p."collection_account_id", p."created_at", p."updated_at",
       (CASE WHEN p."status" IN ('SUCCEEDED', 'FAILED', 'CANCELLED') THEN p."completed_at" END)
  FROM "payments" p;
