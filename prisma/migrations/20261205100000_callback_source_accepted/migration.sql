-- AlterTable: a callback refused only for its source address, with a valid token, is stored whole;
-- an admin who checked it may accept its source, and it is then processed as if allowed.
ALTER TABLE "callback_logs" ADD COLUMN "source_accepted_by" TEXT;
