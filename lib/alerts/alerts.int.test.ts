import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAlertChannel } from "@/lib/alerts/add-alert-channel";
import { ALERT_CONDITIONS } from "@/lib/alerts/alert-conditions";
import { DARAJA_CONFIGURATION_KIND, darajaConfigurationAlertKey } from "@/lib/alerts/daraja-configuration-alert";
import { raiseOperatorAlert, resolveOperatorAlert } from "@/lib/operator-alerts/operator-alerts";
import { runAlertCycle } from "@/lib/alerts/run-alert-cycle";
import { reportWebHeartbeat, type WebHeartbeatIdentity } from "@/lib/alerts/web-heartbeat";
import { createPrisma } from "@/lib/db/client";
import { generateDemoSecrets } from "@/lib/demo/demo-secrets";
import { parseEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { QUARANTINE_DIR } from "@/lib/callbacks/spool/read-spool";
import { startSmtpReceiver, type SmtpReceiver } from "@/lib/testing/smtp-receiver";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";

// Injected time: every evaluation, heartbeat and window is computed from these instants.
const T = new Date("2026-12-08T09:00:00.000Z");
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const KINDS = ALERT_CONDITIONS.map((c) => c.kind).sort();

/**
 * Alerts end to end: a real SMTP server and a Slack-style webhook receiver on loopback, every
 * condition provoked at once, and then, cycle by cycle, exactly one alert per condition on each
 * channel, no repeat while it holds, one reminder after ALERT_RENOTIFY_MINUTES, and exactly one
 * resolution when it clears.
 */
describe("alerts", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let smtp: SmtpReceiver;
  let hooks: WebhookReceiver;
  let env: Env;
  let spoolDir: string;
  const web: WebHeartbeatIdentity = { id: "web-a-1", hostname: "web-a", pid: 11, spoolDir: "", startedAt: at(-120) };
  const actor = { id: null, email: "admin@example.test" };

  type Seen = { channel: "email" | "webhook"; event: string; kind: string; id: string };
  const seen = (): Seen[] => [
    ...smtp.mails.map((m) => ({ channel: "email" as const, event: m.headers["x-malipo-alert-event"]!, kind: m.headers["x-malipo-alert-kind"]!, id: m.headers["x-malipo-alert-id"]! })),
    ...hooks.received.map((h) => {
      const body = JSON.parse(h.body) as { event: string; alert: { kind: string; id: string } };
      return { channel: "webhook" as const, event: body.event, kind: body.alert.kind, id: body.alert.id };
    }),
  ];
  const kindsOf = (channel: Seen["channel"], event: string) => seen().filter((s) => s.channel === channel && s.event === event).map((s) => s.kind).sort();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    smtp = await startSmtpReceiver();
    hooks = await startWebhookReceiver();
    env = parseEnv({
      DATABASE_URL: database.url, PUBLIC_URL: "http://malipo.test", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SMTP_SECURITY: "none",
      SMTP_FROM: "Malipo <alerts@malipo.test>", WEBHOOK_ALLOW_PRIVATE_TARGETS: "true", ALERT_RENOTIFY_MINUTES: "60", WORKER_HEARTBEAT_STALE_SECONDS: "60",
    }, { demoSecrets: generateDemoSecrets() });
    spoolDir = await mkdtemp(path.join(tmpdir(), "malipo-alert-spool-"));
    web.spoolDir = spoolDir;
    await addAlertChannel(db, { type: "EMAIL", target: "ops@example.test", actor, env });
    await addAlertChannel(db, { type: "WEBHOOK", target: hooks.url, actor, env });
  });
  afterAll(async () => {
    await smtp?.close();
    await hooks?.close();
    await db?.$disconnect();
    await database?.drop();
    await rm(spoolDir, { recursive: true, force: true });
  });

  it("provoked together, each condition raises exactly one alert, on each channel", async () => {
    await db.storefront.create({ data: { id: "sf_alerts", name: "Alert Shop" } });
    const payment = (id: string, status: "PENDING" | "REVIEW", createdAt: Date) => db.payment.create({
      data: { id, storefrontId: "sf_alerts", mode: "LIVE", status, amount: 100, phone: "254708374149", reference: "AL-1", createdAt, expiresAt: at(60) },
    });
    await payment("pay_stuck0000001", "PENDING", at(-20));
    await payment("pay_review000001", "REVIEW", at(-30));
    // Paid, says Malipo; M-Pesa's ledger has no line for it (the ledger check flagged it).
    await db.payment.create({
      data: { id: "pay_missing00001", storefrontId: "sf_alerts", mode: "LIVE", status: "SUCCEEDED", amount: 100, phone: "254708374149", reference: "AL-2", createdAt: at(-2000), completedAt: at(-1990), expiresAt: at(-1980), ledgerMissingAt: at(-10) },
    });
    await db.callbackLog.create({
      data: { token: "t", body: "{}", headers: {}, sourceIp: "10.0.0.9", ipAllowed: false, tokenValid: true, outcome: "REJECTED", receivedAt: at(-60) },
    });
    // C2B money that matched no payment.
    await db.collectionAccount.create({ data: { id: "acct_alerts", storefrontId: "sf_alerts", mode: "LIVE", name: "Paybill", source: "DASHBOARD" } });
    const confirmation = await db.callbackLog.create({ data: { token: "c", body: "{}", headers: {}, sourceIp: "196.201.214.200", ipAllowed: true, tokenValid: true, outcome: "APPLIED", receivedAt: at(-15) } });
    await db.unattachedReceipt.create({
      data: { id: "ura_alerts", collectionAccountId: "acct_alerts", storefrontId: "sf_alerts", mode: "LIVE", receipt: "UAB1CD2EF3", amountMinor: 50_000, billRefNumber: "NO-SUCH-ORDER", callbackLogId: confirmation.id, createdAt: at(-15) },
    });
    // A refund of the paid payment asked for 90 min ago and not approved; another sent 200 min ago and unsettled.
    const refund = (id: string, status: "REQUESTED" | "PENDING", updatedAt: Date) => db.refund.create({
      data: { id, paymentId: "pay_missing00001", storefrontId: "sf_alerts", mode: "LIVE", collectionAccountId: "acct_alerts", amount: 50, currency: "KES", method: "reversal",
        status, reason: "returned goods", requestedVia: "dashboard", requestedByEmail: "admin@example.test", createdAt: at(-300), updatedAt },
    });
    await refund("re_waiting000001", "REQUESTED", at(-90));
    await refund("re_unsettled0001", "PENDING", at(-5));
    await db.refundEvent.create({ data: { refundId: "re_unsettled0001", type: "send", fromStatus: "APPROVED", toStatus: "PENDING", createdAt: at(-200) } });
    await raiseOperatorAlert(db, { key: darajaConfigurationAlertKey("LIVE"), kind: DARAJA_CONFIGURATION_KIND, mode: "LIVE", message: "Daraja refused Malipo's configuration: Wrong credentials", now: at(-5) });
    await mkdir(path.join(spoolDir, QUARANTINE_DIR));
    await writeFile(path.join(spoolDir, "0001-a.json"), "{}");
    await writeFile(path.join(spoolDir, QUARANTINE_DIR, "0000-torn.json"), "{");
    await reportWebHeartbeat(db, web, T);
    // A worker killed ten minutes ago (its row was never deleted), and no other: both worker conditions hold.
    await db.workerHeartbeat.create({ data: { id: "wk_dead", hostname: "worker-a", pid: 7, startedAt: at(-120), lastSeenAt: at(-10) } });
    await db.webhookEndpoint.create({
      data: { id: "we_alerts", storefrontId: "sf_alerts", mode: "LIVE", url: "https://shop.example/hook?token=secret", secretEncrypted: "x", enabled: false, disabledAt: at(-1), disabledReason: "Every delivery attempt failed." },
    });

    const first = await runAlertCycle(db, { env, now: T });
    expect(first.evaluation).toMatchObject({ applied: true, opened: KINDS.length, resolved: 0, failedConditions: [] });
    expect(first.delivery).toEqual({ sent: 2 * KINDS.length, retrying: 0, failed: 0 });
    expect(kindsOf("email", "alert.opened")).toEqual(KINDS);
    expect(kindsOf("webhook", "alert.opened")).toEqual(KINDS);

    const mail = smtp.mails.find((m) => m.headers["x-malipo-alert-kind"] === "payments_stuck")!;
    expect(mail.to).toEqual(["ops@example.test"]);
    expect(mail.headers.subject).toBe("[Malipo] ALERT: Payments stuck (LIVE)");
    const hook = JSON.parse(hooks.received.find((h) => h.body.includes('"webhook_endpoint_disabled"'))!.body) as { text: string; alert: Record<string, unknown> };
    // Slack and Teams read `text`; the storefront's token in its URL's query never leaves Malipo.
    expect(hook.text).toContain("[Malipo] ALERT: Webhook endpoint disabled");
    expect(hook.alert).toMatchObject({ kind: "webhook_endpoint_disabled", subject: "we_alerts", severity: "warning", resolved_at: null });
    expect(JSON.stringify(hook)).not.toContain("token=secret");
  });

  it("says nothing more while the conditions hold, then reminds once after ALERT_RENOTIFY_MINUTES", async () => {
    const quiet = await runAlertCycle(db, { env, now: at(5) });
    expect(quiet.evaluation).toMatchObject({ applied: true, opened: 0, reminded: 0, resolved: 0 });
    expect(seen()).toHaveLength(2 * KINDS.length);
    expect(await db.alertIncident.count({ where: { resolvedAt: null } })).toBe(KINDS.length);

    await reportWebHeartbeat(db, web, at(61));
    const reminder = await runAlertCycle(db, { env, now: at(61) });
    expect(reminder.evaluation).toMatchObject({ opened: 0, reminded: KINDS.length, resolved: 0 });
    expect(kindsOf("email", "alert.reminder")).toEqual(KINDS);
    expect(kindsOf("webhook", "alert.reminder")).toEqual(KINDS);
    expect((await runAlertCycle(db, { env, now: at(62) })).evaluation).toMatchObject({ reminded: 0 });
  });

  it("resolves each alert exactly once when its condition clears, and tells each channel", async () => {
    await db.payment.update({ where: { id: "pay_stuck0000001" }, data: { status: "SUCCEEDED" } });
    await db.payment.update({ where: { id: "pay_review000001" }, data: { status: "FAILED" } });
    await db.payment.update({ where: { id: "pay_missing00001" }, data: { ledgerMissingAt: null } });
    await db.callbackLog.updateMany({ where: { outcome: "REJECTED" }, data: { outcome: "APPLIED", sourceAcceptedBy: "admin" } });
    await db.unattachedReceipt.update({ where: { id: "ura_alerts" }, data: { status: "DIRECT", resolvedBy: "usr_finance", resolvedAt: at(63), resolutionReason: "paid at the counter" } });
    await db.refund.update({ where: { id: "re_waiting000001" }, data: { status: "REJECTED", updatedAt: at(63) } });
    await db.refund.update({ where: { id: "re_unsettled0001" }, data: { status: "SUCCEEDED", updatedAt: at(63) } });
    await resolveOperatorAlert(db, { key: darajaConfigurationAlertKey("LIVE"), now: at(63) });
    await rm(path.join(spoolDir, "0001-a.json"));
    await rm(path.join(spoolDir, QUARANTINE_DIR, "0000-torn.json"));
    await reportWebHeartbeat(db, web, at(63));
    // A replacement worker on the same host: the dead one's alert clears, and a worker is alive again.
    await db.workerHeartbeat.create({ data: { id: "wk_new", hostname: "worker-a", pid: 8, startedAt: at(62), lastSeenAt: at(63) } });
    await db.webhookEndpoint.update({ where: { id: "we_alerts" }, data: { enabled: true, disabledAt: null } });

    const cleared = await runAlertCycle(db, { env, now: at(63) });
    expect(cleared.evaluation).toMatchObject({ opened: 0, reminded: 0, resolved: KINDS.length });
    expect(kindsOf("email", "alert.resolved")).toEqual(KINDS);
    expect(kindsOf("webhook", "alert.resolved")).toEqual(KINDS);
    const resolvedMail = smtp.mails.find((m) => m.headers["x-malipo-alert-event"] === "alert.resolved" && m.headers["x-malipo-alert-kind"] === "payments_stuck")!;
    expect(resolvedMail.headers.subject).toBe("[Malipo] RESOLVED: Payments stuck (LIVE)");

    // Over the whole story: per channel and condition one alert id, opened once and resolved once.
    for (const channel of ["email", "webhook"] as const) {
      for (const kind of KINDS) {
        const mine = seen().filter((s) => s.channel === channel && s.kind === kind);
        expect([kind, new Set(mine.map((s) => s.id)).size, mine.map((s) => s.event)]).toEqual([kind, 1, ["alert.opened", "alert.reminder", "alert.resolved"]]);
      }
    }
    expect((await runAlertCycle(db, { env, now: at(64) })).evaluation).toMatchObject({ opened: 0, resolved: 0 });
    expect(seen()).toHaveLength(2 * 3 * KINDS.length);
  });
});
