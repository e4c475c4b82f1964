-- CreateTable: problems only an operator can fix (Daraja refusing Malipo's credentials, …), one row
-- per problem and mode, shown on /api/health and the dashboard until seen fixed.
CREATE TABLE "operator_alerts" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mode" "Mode",
    "message" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "operator_alerts_pkey" PRIMARY KEY ("key")
);
