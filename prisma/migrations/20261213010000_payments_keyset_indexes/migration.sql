-- Keyset pages of the payments table: every order it offers ends with the id, and an index on
-- (mode, key…, id) lets a row comparison walk straight to a cursor. The newest-first index gains
-- the id (same number of indexes to maintain); sorting by amount gets one (amounts never change,
-- so it costs one entry per insert). Sorting by status uses payments_mode_status_created_manual.

-- DropIndex
DROP INDEX "payments_mode_created_at_idx";

-- CreateIndex
CREATE INDEX "payments_mode_created_at_id_idx" ON "payments"("mode", "created_at", "id");

-- CreateIndex
CREATE INDEX "payments_mode_amount_id_idx" ON "payments"("mode", "amount", "id");
