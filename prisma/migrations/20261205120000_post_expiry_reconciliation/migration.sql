-- Post-expiry reconciliation: an expired payment whose outcome M-Pesa never confirmed keeps being
-- asked (EXPIRED_RECONCILE_HOURS); its next_query_at is set only while it is. The index cannot be
-- expressed in schema.prisma (named *_manual, left to this file by the drift check).
CREATE INDEX "payments_expired_query_due_manual" ON "payments" ("next_query_at")
  WHERE "status" = 'EXPIRED' AND "checkout_request_id" IS NOT NULL AND "next_query_at" IS NOT NULL;

-- Payments that expired in the last 72 hours (the default window) before this release, with no
-- result from M-Pesa, are asked again; the reconciler stops at the configured window.
UPDATE "payments" SET "next_query_at" = now()
 WHERE "status" = 'EXPIRED' AND "checkout_request_id" IS NOT NULL AND "result_code" IS NULL
   AND "next_query_at" IS NULL AND "expires_at" > now() - interval '72 hours';
