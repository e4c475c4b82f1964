-- Fewer indexes on payments (issue 17, the expiry sweep): every status change rewrites the row
-- outside HOT (the status is indexed), so each expired, settled or created payment adds an entry
-- to every index whose predicate it meets. The six dropped served no query that another index
-- does not serve as well; the partial ones made or remade here leave out the rows their queries
-- never read (an expired, failed or cancelled payment adds an entry to none of them unless its
-- push's outcome was never known, a succeeded one to one). A Prisma query cannot use a partial
-- index whose predicate names a status: Prisma casts an enum parameter from text, from which the
-- planner proves no predicate. Such indexes serve raw SQL that writes the status as a literal.

-- No query looks a payment up by MerchantRequestID: a callback's is matched on payment_attempts.
DROP INDEX IF EXISTS "payments_merchant_request_id_idx";

-- The sweep reads overdue open payments through payments_open_expiry_manual (partial, open only).
DROP INDEX IF EXISTS "payments_status_expires_at_idx";

-- Due status queries are claimed through payments_query_due_manual and
-- payments_expired_query_due_manual (partial, only the payments still asked about).
DROP INDEX IF EXISTS "payments_status_next_query_at_idx";

-- Status filters always name the mode (the table, Needs attention, the alerts, the gauges) and use
-- payments_mode_status_created_manual; open payments alone also have the partial open indexes.
DROP INDEX IF EXISTS "payments_status_created_at_idx";

-- Every query by storefront also names the mode, or needs only the leading column (the foreign
-- key): payments_storefront_mode_created_id_manual serves both.
DROP INDEX IF EXISTS "payments_storefront_id_created_at_idx";

-- Only succeeded payments are read by completion time (the reconciliation screen's days, the ledger
-- check oldest first; raw SQL that names the status as a literal, as the predicate needs): expired,
-- failed and cancelled payments, which get a completion time too, no longer add entries. The id
-- makes the ledger check's order exact.
DROP INDEX IF EXISTS "payments_status_completed_at_idx";
CREATE INDEX "payments_succeeded_completed_manual" ON "payments" ("completed_at", "id") WHERE "status" = 'SUCCEEDED';

-- Succeeded payments flagged missing from M-Pesa's ledger are few, and nothing else indexed them:
-- their alert, the reconciliation screen's list and count, the ledger check's clearing pass and the
-- table's filter each scanned every payment. Only flagged rows have an entry (none is added by the
-- sweep, a callback or a create), and its predicate holds no status, so Prisma's queries, which bind
-- the status as a parameter the planner cannot match against a predicate, can use it too.
CREATE INDEX "payments_ledger_missing_manual" ON "payments" ("mode", "completed_at") WHERE "ledger_missing_at" IS NOT NULL;

-- The unknown-outcome match (a callback naming no known payment) is a Prisma query, whose bound
-- status never matched this index's `status = 'INITIATING'`: it served nothing. Its other
-- conditions are ones the planner can match, and they hold only for pushes whose outcome is unknown
-- and which no CheckoutRequestID names, a few rows in any status.
DROP INDEX IF EXISTS "payments_outcome_unknown_manual";
CREATE INDEX "payments_outcome_unknown_manual" ON "payments" ("phone", "amount", "created_at")
  WHERE "outcome_unknown" AND "checkout_request_id" IS NULL;
