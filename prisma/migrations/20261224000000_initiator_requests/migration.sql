-- Transaction Status for one receipt: a collection account's initiator credentials, and one row
-- per request, written before the call, that its asynchronous result (a callback of its own kind)
-- is matched to.

ALTER TYPE "CallbackKind" ADD VALUE 'INITIATOR_RESULT';
ALTER TYPE "CallbackKind" ADD VALUE 'INITIATOR_TIMEOUT';
-- Vodacom's asynchronous results share the callbacks' store-first intake.
ALTER TYPE "CallbackKind" ADD VALUE 'VODACOM_RESULT';

CREATE TYPE "InitiatorRequestState" AS ENUM ('SENDING', 'QUEUED', 'REFUSED', 'UNKNOWN', 'ANSWERED', 'FAILED', 'TIMED_OUT');

ALTER TABLE "collection_accounts"
    ADD COLUMN "initiator_name" TEXT,
    ADD COLUMN "initiator_password_encrypted" TEXT,
    ADD COLUMN "initiator_certificate" TEXT,
    ADD COLUMN "initiator_certificate_environment" TEXT,
    ADD COLUMN "initiator_updated_at" TIMESTAMPTZ(3),
    ADD COLUMN "initiator_updated_by" TEXT;

-- CreateTable
CREATE TABLE "initiator_requests" (
    "id" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "collection_account_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "payment_id" TEXT,
    "receipt" TEXT,
    "state" "InitiatorRequestState" NOT NULL DEFAULT 'SENDING',
    "originator_conversation_id" TEXT,
    "conversation_id" TEXT,
    "result_code" TEXT,
    "result_desc" TEXT,
    "summary" TEXT,
    "ledger_line_id" BIGINT,
    "credential_fingerprint" TEXT,
    "requested_by_id" TEXT,
    "requested_by_email" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "initiator_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "initiator_requests_originator_conversation_id_key" ON "initiator_requests"("originator_conversation_id");
CREATE INDEX "initiator_requests_payment_id_created_at_idx" ON "initiator_requests"("payment_id", "created_at");
-- The last credentials failure of an account is looked up before every request.
CREATE INDEX "initiator_requests_collection_account_id_created_at_idx" ON "initiator_requests"("collection_account_id", "created_at");

-- AddForeignKey
ALTER TABLE "initiator_requests" ADD CONSTRAINT "initiator_requests_collection_account_id_fkey" FOREIGN KEY ("collection_account_id") REFERENCES "collection_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "initiator_requests" ADD CONSTRAINT "initiator_requests_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE SET NULL ON UPDATE CASCADE;
