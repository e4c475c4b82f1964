-- The organisation (shortcode) a request was made as: a B2C refund's status check and its ledger
-- line must name the shortcode that paid, not the account's B2C shortcode of the moment (an admin
-- may change it while the refund is pending). Older requests have none.
ALTER TABLE "initiator_requests" ADD COLUMN "party" TEXT;

-- A refund's request and the refund check look for reversals of a payment by the receipt they give back.
CREATE INDEX "ledger_lines_linked_receipt_idx" ON "ledger_lines" ("linked_receipt");
