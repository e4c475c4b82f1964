-- The payments table's "Refunded" filters: refunded payments are few, so a partial index in the
-- table's own order (mode, newest first, id) serves the filter and its keyset pages at any size.
-- Not in schema.prisma (Prisma cannot express a partial index): the _manual suffix says so.
CREATE INDEX "payments_refunded_manual" ON "payments" ("mode", "created_at", "id") WHERE "refunded_amount" > 0;
