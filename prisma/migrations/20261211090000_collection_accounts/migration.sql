-- Collection accounts: a storefront's Daraja paybill or till per mode, as data. Until now the one
-- account per mode came from the DARAJA_<MODE>_* settings; each storefront that has payments gets
-- that account as an ENVIRONMENT row (its credentials stay in the environment, read when used),
-- made its default, and its payments are attached to it. Storefronts without payments get theirs
-- when the gateway starts (lib/collection-accounts/bootstrap-environment-accounts.ts).
-- The partial unique indexes cannot be expressed in schema.prisma (the drift check skips partial
-- indexes): one default and one environment account per storefront, mode and rail, which is also
-- what makes the start-up bootstrap safe when two processes run it at once.

-- CreateEnum
CREATE TYPE "CollectionAccountSource" AS ENUM ('ENVIRONMENT', 'DASHBOARD');

-- CreateTable
CREATE TABLE "collection_accounts" (
    "id" TEXT NOT NULL,
    "storefront_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "rail" TEXT NOT NULL DEFAULT 'daraja_stk',
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'KES',
    "source" "CollectionAccountSource" NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "secrets_encrypted" TEXT,
    "key_hint" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "last_tested_at" TIMESTAMPTZ(3),
    "last_test_ok" BOOLEAN,
    "last_test_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "collection_accounts_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "collection_accounts_storefront_id_mode_idx" ON "collection_accounts"("storefront_id", "mode");
CREATE UNIQUE INDEX "collection_accounts_one_default_manual" ON "collection_accounts"("storefront_id", "mode", "rail") WHERE "is_default";
CREATE UNIQUE INDEX "collection_accounts_one_environment_manual" ON "collection_accounts"("storefront_id", "mode", "rail") WHERE "source" = 'ENVIRONMENT';

ALTER TABLE "collection_accounts" ADD CONSTRAINT "collection_accounts_storefront_id_fkey" FOREIGN KEY ("storefront_id") REFERENCES "storefronts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "payments" ADD COLUMN "collection_account_id" TEXT;
CREATE INDEX "payments_collection_account_id_idx" ON "payments"("collection_account_id");
ALTER TABLE "payments" ADD CONSTRAINT "payments_collection_account_id_fkey" FOREIGN KEY ("collection_account_id") REFERENCES "collection_accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: the environment account of every storefront and mode that has payments.
INSERT INTO "collection_accounts" ("id", "storefront_id", "mode", "name", "source", "is_default", "updated_at")
SELECT 'acct_' || substr(md5(random()::text || s.storefront_id || s.mode::text), 1, 24), s.storefront_id, s.mode,
       CASE s.mode WHEN 'LIVE' THEN 'Live account (environment settings)' ELSE 'Test account (environment settings)' END,
       'ENVIRONMENT', true, CURRENT_TIMESTAMP
  FROM (SELECT DISTINCT "storefront_id", "mode" FROM "payments") s;

UPDATE "payments" p SET "collection_account_id" = a."id"
  FROM "collection_accounts" a
 WHERE a."storefront_id" = p."storefront_id" AND a."mode" = p."mode" AND a."source" = 'ENVIRONMENT';
