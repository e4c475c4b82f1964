-- B2C refunds: a DASHBOARD collection account may name the B2C ("one account") shortcode that pays
-- partial refunds out to the customer, with who set it and when (the change is audited).
-- ENVIRONMENT accounts take theirs from DARAJA_<MODE>_B2C_SHORTCODE instead.

ALTER TABLE "collection_accounts" ADD COLUMN "b2c_shortcode" TEXT;
ALTER TABLE "collection_accounts" ADD COLUMN "b2c_updated_at" TIMESTAMPTZ(3);
ALTER TABLE "collection_accounts" ADD COLUMN "b2c_updated_by" TEXT;
