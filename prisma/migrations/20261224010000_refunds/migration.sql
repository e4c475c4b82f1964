-- Refunds by M-Pesa Reversal: a refund record with its own state and timeline, sent and checked
-- through initiator requests, and what a payment has given back.

CREATE TYPE "RefundStatus" AS ENUM ('REQUESTED', 'APPROVED', 'PENDING', 'SUCCEEDED', 'FAILED', 'REJECTED', 'CANCELLED');

ALTER TABLE "payments" ADD COLUMN "refunded_amount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "payments" ADD CONSTRAINT "payments_refunded_amount_check" CHECK ("refunded_amount" >= 0 AND "refunded_amount" <= "amount");

CREATE TABLE "refunds" (
    "id" TEXT NOT NULL,
    "payment_id" TEXT NOT NULL,
    "storefront_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "collection_account_id" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" "RefundStatus" NOT NULL DEFAULT 'REQUESTED',
    "reason" TEXT NOT NULL,
    "requested_via" TEXT NOT NULL,
    "requested_by_id" TEXT,
    "requested_by_email" TEXT NOT NULL,
    "decided_by_id" TEXT,
    "decided_by_email" TEXT,
    "decision_reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "outcome_unknown" BOOLEAN NOT NULL DEFAULT false,
    "mpesa_receipt" TEXT,
    "failure_code" TEXT,
    "failure_reason" TEXT,
    "next_check_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "refunds_amount_check" CHECK ("amount" > 0)
);

CREATE UNIQUE INDEX "refunds_mpesa_receipt_key" ON "refunds"("mpesa_receipt");
CREATE INDEX "refunds_payment_id_created_at_idx" ON "refunds"("payment_id", "created_at");
CREATE INDEX "refunds_storefront_id_mode_created_at_idx" ON "refunds"("storefront_id", "mode", "created_at");
CREATE INDEX "refunds_status_next_check_at_idx" ON "refunds"("status", "next_check_at");
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "refund_events" (
    "id" BIGSERIAL NOT NULL,
    "refund_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "from_status" "RefundStatus",
    "to_status" "RefundStatus",
    "actor_email" TEXT,
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "refund_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "refund_events_refund_id_created_at_idx" ON "refund_events"("refund_id", "created_at");
ALTER TABLE "refund_events" ADD CONSTRAINT "refund_events_refund_id_fkey" FOREIGN KEY ("refund_id") REFERENCES "refunds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "initiator_requests" ADD COLUMN "refund_id" TEXT;
CREATE INDEX "initiator_requests_refund_id_created_at_idx" ON "initiator_requests"("refund_id", "created_at");
ALTER TABLE "initiator_requests" ADD CONSTRAINT "initiator_requests_refund_id_fkey" FOREIGN KEY ("refund_id") REFERENCES "refunds"("id") ON DELETE SET NULL ON UPDATE CASCADE;
