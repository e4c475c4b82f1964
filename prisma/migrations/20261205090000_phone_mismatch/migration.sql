-- AlterTable: the phone number M-Pesa reports is compared with the one the prompt was sent to; a
-- success from another phone sends the payment to REVIEW and keeps this flag.
ALTER TABLE "payments" ADD COLUMN "phone_mismatch" BOOLEAN NOT NULL DEFAULT false;
