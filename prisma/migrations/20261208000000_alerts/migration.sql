-- Alerts: admin-set rules per condition, channels (e-mail, JSON webhook), incidents (one open per
-- condition and subject), the notification outbox, and each web process's spool report.
CREATE TYPE "AlertChannelType" AS ENUM ('EMAIL', 'WEBHOOK');
CREATE TYPE "AlertNotificationKind" AS ENUM ('OPENED', 'REMINDER', 'RESOLVED', 'TEST');
CREATE TYPE "AlertNotificationStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

CREATE TABLE "alert_rules" (
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "threshold" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("kind")
);

CREATE TABLE "alert_channels" (
    "id" TEXT NOT NULL,
    "type" "AlertChannelType" NOT NULL,
    "label" TEXT NOT NULL,
    "email" TEXT,
    "url_encrypted" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "alert_incidents" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "details" JSONB,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_notified_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_incidents_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "alert_incidents_resolved_at_idx" ON "alert_incidents"("resolved_at");
CREATE INDEX "alert_incidents_opened_at_idx" ON "alert_incidents"("opened_at");
-- One open alert per condition and subject, whatever runs the evaluation (Prisma cannot express a
-- partial unique index, so the drift check leaves it to this file).
CREATE UNIQUE INDEX "alert_incidents_open_manual" ON "alert_incidents"("kind", "subject") WHERE "resolved_at" IS NULL;

CREATE TABLE "alert_notifications" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" TEXT,
    "channel_id" TEXT NOT NULL,
    "kind" "AlertNotificationKind" NOT NULL,
    "status" "AlertNotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_notifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "alert_notifications_status_next_attempt_at_idx" ON "alert_notifications"("status", "next_attempt_at");
CREATE INDEX "alert_notifications_incident_id_idx" ON "alert_notifications"("incident_id");
CREATE INDEX "alert_notifications_channel_id_created_at_idx" ON "alert_notifications"("channel_id", "created_at");
ALTER TABLE "alert_notifications" ADD CONSTRAINT "alert_notifications_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "alert_incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "alert_notifications" ADD CONSTRAINT "alert_notifications_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "web_heartbeats" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "spool_dir" TEXT NOT NULL,
    "spool_pending" INTEGER NOT NULL,
    "spool_quarantined" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "web_heartbeats_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "web_heartbeats_last_seen_at_idx" ON "web_heartbeats"("last_seen_at");
