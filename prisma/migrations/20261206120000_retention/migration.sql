-- Retention (housekeeping): refused and parked callbacks and webhook attempts are deleted after
-- their RETENTION_* period; the raw bodies of a settled payment's callbacks keep their receipt and
-- amounts but lose the customer's phone number. The partial index cannot be expressed in
-- schema.prisma (named *_manual so the drift check leaves it to this file).

-- AlterTable: when housekeeping masked the phone numbers in the body.
ALTER TABLE "callback_logs" ADD COLUMN "body_redacted_at" TIMESTAMPTZ(3);

-- Bodies still to be masked, oldest first: housekeeping reads them in batches from the head.
CREATE INDEX "callback_logs_unredacted_manual" ON "callback_logs" ("received_at", "id")
  WHERE "body_redacted_at" IS NULL AND "outcome" IN ('APPLIED', 'DUPLICATE', 'STALE');

-- Old attempts are deleted oldest first.
CREATE INDEX "webhook_attempts_requested_at_idx" ON "webhook_attempts"("requested_at");
