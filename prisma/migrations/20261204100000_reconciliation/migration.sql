-- Reconciliation by status query, and expiry. The partial indexes cannot be expressed in
-- schema.prisma: they are named *_manual so the drift check leaves them to this file. They cover
-- open payments only, so they stay small however many settled payments the table holds.

-- AlterTable: a claimed status query holds its payment until then, so no second querier takes it;
-- past it, a querier that died is taken over.
ALTER TABLE "payments" ADD COLUMN "query_lease_until" TIMESTAMPTZ(3);

-- Status queries that are due, oldest first: the reconciler claims from the head of this index.
CREATE INDEX "payments_query_due_manual" ON "payments" ("next_query_at")
  WHERE "status" IN ('INITIATING', 'PENDING') AND "checkout_request_id" IS NOT NULL;

-- Open payments by deadline: the expiry sweep reads overdue ones in batches.
CREATE INDEX "payments_open_expiry_manual" ON "payments" ("expires_at")
  WHERE "status" IN ('INITIATING', 'PENDING');

-- A callback whose ids and token name no known payment is matched to a push whose outcome was
-- unknown by phone, amount and time (UNKNOWN_OUTCOME_MATCH_WINDOW_SECONDS).
CREATE INDEX "payments_outcome_unknown_manual" ON "payments" ("phone", "amount", "created_at")
  WHERE "status" = 'INITIATING' AND "outcome_unknown";
