-- Webhook delivery: an attempt series can be restarted by a resend, so the retry horizon and the
-- backoff exponent are counted per series rather than from the event's creation and attempt_count.

-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN "series_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "webhook_deliveries" ADD COLUMN "series_attempts" INTEGER NOT NULL DEFAULT 0;

-- Rows from before this migration: their series began when they were created, with every attempt so far.
UPDATE "webhook_deliveries" SET "series_started_at" = "created_at", "series_attempts" = "attempt_count";
