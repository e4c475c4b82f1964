-- The dashboard overview's daily rollup: payments counted per EAT calendar day of creation,
-- storefront, mode, currency, status and M-Pesa result code ('' when none), with their amount.
--
-- Kept exact by triggers on "payments", so no code path (a transition, the set-based sweep, a
-- bulk insert, a hand-written UPDATE) can leave it behind. The triggers do not update totals in
-- place: every concurrent status change of the day would then queue on the same few rows until its
-- transaction commits. They append signed changes instead (inserts never wait on each other), and
-- a fold (lib/payments/fold-payment-daily-totals.ts) moves the changes into the totals, one key at
-- a time, in one statement. At every snapshot: totals + changes = the aggregate over "payments".

-- CreateTable
CREATE TABLE "payment_daily_totals" (
    "day" DATE NOT NULL,
    "storefront_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "result_code" TEXT NOT NULL,
    "payments" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "payment_daily_totals_pkey" PRIMARY KEY ("mode", "day", "storefront_id", "currency", "status", "result_code")
);

-- CreateTable
CREATE TABLE "payment_daily_total_changes" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "storefront_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "result_code" TEXT NOT NULL,
    "payments" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "payment_daily_total_changes_pkey" PRIMARY KEY ("id")
);

-- One function for the three statement-level triggers (PostgreSQL allows transition tables on a
-- trigger with a single event only). Rows of a statement are summed per key before anything is
-- written, so a million-row INSERT adds a few hundred changes, and an UPDATE that moves no payment
-- between keys (a query counter, a lease) adds none.
CREATE FUNCTION "payment_daily_totals_track"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO payment_daily_total_changes (day, storefront_id, mode, currency, status, result_code, payments, amount)
    SELECT (created_at AT TIME ZONE 'Africa/Nairobi')::date, storefront_id, mode, currency, status, COALESCE(result_code, ''),
           count(*), sum(amount)
      FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO payment_daily_total_changes (day, storefront_id, mode, currency, status, result_code, payments, amount)
    SELECT (created_at AT TIME ZONE 'Africa/Nairobi')::date, storefront_id, mode, currency, status, COALESCE(result_code, ''),
           -count(*), -sum(amount)
      FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6;
  ELSE
    INSERT INTO payment_daily_total_changes (day, storefront_id, mode, currency, status, result_code, payments, amount)
    SELECT (created_at AT TIME ZONE 'Africa/Nairobi')::date, storefront_id, mode, currency, status, COALESCE(result_code, ''),
           sum(sign), sum(sign * amount)
      FROM (SELECT created_at, storefront_id, mode, currency, status, result_code, amount, 1 AS sign FROM new_rows
            UNION ALL
            SELECT created_at, storefront_id, mode, currency, status, result_code, amount, -1 AS sign FROM old_rows) moved
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(sign) <> 0 OR sum(sign * amount) <> 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "payment_daily_totals_reset"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM payment_daily_total_changes;
  DELETE FROM payment_daily_totals;
  RETURN NULL;
END
$$;

-- CREATE TRIGGER locks "payments" against writes until this migration commits, so the backfill
-- below sees every payment and no change slips between it and the triggers.
CREATE TRIGGER "payments_daily_totals_insert" AFTER INSERT ON "payments"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_track"();
CREATE TRIGGER "payments_daily_totals_update" AFTER UPDATE ON "payments"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_track"();
CREATE TRIGGER "payments_daily_totals_delete" AFTER DELETE ON "payments"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_track"();
CREATE TRIGGER "payments_daily_totals_truncate" AFTER TRUNCATE ON "payments"
  FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_reset"();

-- Backfill: the payments already there.
INSERT INTO "payment_daily_totals" (day, storefront_id, mode, currency, status, result_code, payments, amount)
SELECT (created_at AT TIME ZONE 'Africa/Nairobi')::date, storefront_id, mode, currency, status, COALESCE(result_code, ''),
       count(*), sum(amount)
  FROM "payments" GROUP BY 1, 2, 3, 4, 5, 6;
