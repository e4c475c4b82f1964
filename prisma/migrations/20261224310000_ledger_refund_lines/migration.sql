-- Money out on M-Pesa's ledger is now told apart: a refund's own line (a reversal's or a B2C
-- payout's receipt, held by a Malipo refund) is REFUND; a reversal no Malipo refund accounts for
-- (made on the org portal) is UNKNOWN_REVERSAL, an exception. Other money out stays NOT_A_PAYMENT.
ALTER TYPE "LedgerMatchStatus" ADD VALUE 'REFUND';
ALTER TYPE "LedgerMatchStatus" ADD VALUE 'UNKNOWN_REVERSAL';
