-- Money out on M-Pesa's ledger is now told apart: a refund's own line (a reversal's or a B2C
-- payout's receipt, held by a Malipo refund) is REFUND; a reversal no Malipo refund accounts for
-- (made on the org portal) is UNKNOWN_REVERSAL, an exception. Other money out stays NOT_A_PAYMENT.
ALTER TYPE "LedgerMatchStatus" ADD VALUE 'REFUND';
ALTER TYPE "LedgerMatchStatus" ADD VALUE 'UNKNOWN_REVERSAL';

-- Money out judged before this was all NOT_A_PAYMENT: matched again, it is told apart too (PENDING
-- is an old value, usable in this transaction; the matcher picks the lines up on its next run).
UPDATE "ledger_lines" SET "match_status" = 'PENDING', "matched_at" = NULL, "match_note" = NULL, "payment_id" = NULL
 WHERE "direction" = 'OUT' AND "match_status" = 'NOT_A_PAYMENT';
