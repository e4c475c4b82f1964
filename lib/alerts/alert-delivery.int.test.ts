import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addAlertChannel } from "@/lib/alerts/add-alert-channel";
import type { AlertCondition } from "@/lib/alerts/alert-condition";
import { noLiveWorker } from "@/lib/alerts/conditions/no-live-worker";
import { deliverAlertNotifications } from "@/lib/alerts/deliver-alert-notifications";
import { runAlertCycle } from "@/lib/alerts/run-alert-cycle";
import { saveAlertRule } from "@/lib/alerts/save-alert-rule";
import { sendTestAlert } from "@/lib/alerts/send-test-alert";
import { webHeartbeatTick } from "@/lib/alerts/web-heartbeat";
import { createPrisma } from "@/lib/db/client";
import { generateDemoSecrets } from "@/lib/demo/demo-secrets";
import { parseEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";

const T = new Date("2026-12-08T12:00:00.000Z");
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const actor = { id: null, email: "admin@example.test" };

/** A condition under the test's control: it holds for the subjects in `holding`, or throws. */
function controlled(kind: string) {
  const state = { holding: [] as string[], broken: false };
  const condition: AlertCondition = {
    kind, title: `Test ${kind}`, description: "for tests", severity: "warning",
    async evaluate() {
      if (state.broken) throw new Error("the query failed");
      return state.holding.map((subject) => ({ subject, summary: `${kind} holds for ${subject}` }));
    },
  };
  return { condition, state };
}

/** Retries, failures that are not an all-clear, rules turned off, concurrent evaluators, and the web process standing in for dead workers. */
describe("alert evaluation and delivery", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let hooks: WebhookReceiver;
  let env: Env;
  let failFirst = 0;
  const events = () => hooks.received.map((h) => JSON.parse(h.body) as { event: string; alert?: { kind: string; subject: string } });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 6);
    hooks = await startWebhookReceiver(() => (failFirst-- > 0 ? { status: 502, body: "bad gateway" } : { status: 200 }));
    env = parseEnv({ DATABASE_URL: database.url, WEBHOOK_ALLOW_PRIVATE_TARGETS: "true", ALERT_RENOTIFY_MINUTES: "0", ALERT_EVALUATE_INTERVAL_SECONDS: "60" }, { demoSecrets: generateDemoSecrets() });
    await addAlertChannel(db, { type: "WEBHOOK", target: hooks.url, actor, env });
  });
  beforeEach(() => {
    hooks.received.length = 0;
    failFirst = 0;
  });
  afterAll(async () => {
    await hooks?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  it("retries a notification the receiver refused, with backoff, and sends it once when it accepts", async () => {
    const { condition, state } = controlled("retry_case");
    state.holding = ["a"];
    failFirst = 1;
    const first = await runAlertCycle(db, { env, now: T, conditions: [condition] });
    expect(first.delivery).toEqual({ sent: 0, retrying: 1, failed: 0 });
    // Not due yet half a minute later; due after the first backoff step (a minute, less jitter).
    expect((await deliverAlertNotifications(db, { env, now: at(0.5) }))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect((await deliverAlertNotifications(db, { env, now: at(2) }))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(events().map((e) => e.event)).toEqual(["alert.opened", "alert.opened"]);
    const notification = await db.alertNotification.findFirstOrThrow({ where: { incident: { kind: "retry_case" } } });
    expect([notification.status, notification.attempts, notification.lastError]).toEqual(["SENT", 2, null]);
    state.holding = [];
    await runAlertCycle(db, { env, now: at(3), conditions: [condition] });
  });

  it("keeps a condition's alerts open while its evaluation fails, then resolves only what cleared", async () => {
    const { condition, state } = controlled("broken_case");
    state.holding = ["x", "y"];
    expect((await runAlertCycle(db, { env, now: at(10), conditions: [condition] })).evaluation).toMatchObject({ opened: 2 });
    state.broken = true;
    const failed = await runAlertCycle(db, { env, now: at(11), conditions: [condition] });
    expect(failed.evaluation).toMatchObject({ applied: true, resolved: 0, failedConditions: ["broken_case"] });
    expect(await db.alertIncident.count({ where: { kind: "broken_case", resolvedAt: null } })).toBe(2);

    // Rules apply to registered conditions; an unregistered one is simply never off.
    await expect(saveAlertRule(db, { kind: "broken_case", enabled: false, threshold: null, actor })).rejects.toMatchObject({ code: "not_found" });
    state.broken = false;
    state.holding = ["y"];
    const partly = await runAlertCycle(db, { env, now: at(12), conditions: [condition] });
    expect(partly.evaluation).toMatchObject({ opened: 0, resolved: 1 });
    expect(events().filter((e) => e.event === "alert.resolved").map((e) => e.alert!.subject)).toEqual(["x"]);
    state.holding = [];
    await runAlertCycle(db, { env, now: at(13), conditions: [condition] });
  });

  it("turning a rule off resolves its open alerts; its threshold is bounded and audited", async () => {
    await expect(saveAlertRule(db, { kind: "payments_stuck", enabled: true, threshold: 0, actor })).rejects.toMatchObject({ code: "validation_failed" });
    await saveAlertRule(db, { kind: "payments_stuck", enabled: true, threshold: 30, actor });
    expect(await db.alertRule.findUniqueOrThrow({ where: { kind: "payments_stuck" } })).toMatchObject({ enabled: true, threshold: 30 });

    // No worker heartbeat at all: the real no-live-worker condition holds.
    expect((await runAlertCycle(db, { env, now: at(20), conditions: [noLiveWorker] })).evaluation).toMatchObject({ opened: 1 });
    await saveAlertRule(db, { kind: noLiveWorker.kind, enabled: false, threshold: null, actor });
    expect((await runAlertCycle(db, { env, now: at(21), conditions: [noLiveWorker] })).evaluation).toMatchObject({ resolved: 1 });
    expect(events().map((e) => e.event)).toEqual(["alert.opened", "alert.resolved"]);
    expect(await db.auditLog.count({ where: { action: "alert_rule.update" } })).toBe(2);
    await saveAlertRule(db, { kind: noLiveWorker.kind, enabled: true, threshold: null, actor });
  });

  it("lets only one of several concurrent evaluators apply, and sends each notification once", async () => {
    const { condition, state } = controlled("race_case");
    state.holding = ["r"];
    const runs = await Promise.all(Array.from({ length: 4 }, () => runAlertCycle(db, { env, now: at(30), conditions: [condition] })));
    expect(runs.filter((r) => r.evaluation.applied && r.evaluation.opened === 1)).toHaveLength(1);
    expect(await db.alertIncident.count({ where: { kind: "race_case" } })).toBe(1);
    expect(runs.reduce((sum, r) => sum + r.delivery.sent, 0)).toBe(1);
    expect(events().filter((e) => e.alert?.kind === "race_case")).toHaveLength(1);
  });

  it("while no worker is alive, a web process's beat evaluates and sends the alerts itself, once per interval", async () => {
    const spoolDir = await mkdtemp(path.join(tmpdir(), "malipo-web-beat-"));
    try {
      const me = { id: "web-b-1", hostname: "web-b", pid: 21, spoolDir, startedAt: at(39) };
      expect(await webHeartbeatTick(db, { me, env, now: at(40), lastCycleAt: null })).toBe(true);
      expect(events().map((e) => [e.event, e.alert?.kind])).toEqual([["alert.opened", "no_live_worker"]]);
      expect(await webHeartbeatTick(db, { me, env, now: at(40.25), lastCycleAt: at(40) })).toBe(false);
      // A worker starts: the web leaves alerts to it again.
      await db.workerHeartbeat.create({ data: { id: "wk_live", hostname: "worker-b", pid: 9, startedAt: at(41), lastSeenAt: at(41) } });
      expect(await webHeartbeatTick(db, { me, env, now: at(41.5), lastCycleAt: at(40) })).toBe(false);
      expect(await db.webHeartbeat.findUniqueOrThrow({ where: { id: "web-b-1" } })).toMatchObject({ spoolPending: 0, spoolQuarantined: 0 });
    } finally {
      await rm(spoolDir, { recursive: true, force: true });
    }
  });

  it("sends a channel's test message at once and reports a failure", async () => {
    const channel = await db.alertChannel.findFirstOrThrow({ where: { type: "WEBHOOK" } });
    expect(await sendTestAlert(db, { channelId: channel.id, actor, env, now: at(50) })).toEqual({ sent: true, error: null });
    expect(events().at(-1)).toMatchObject({ event: "alert.test" });
    failFirst = 1;
    expect(await sendTestAlert(db, { channelId: channel.id, actor, env, now: at(51) })).toEqual({ sent: false, error: "HTTP 502" });
  });

  it("refuses channels it could not or must not send to", async () => {
    await expect(addAlertChannel(db, { type: "EMAIL", target: "ops@example.test", actor, env })).rejects.toMatchObject({ code: "invalid_state" });
    const strict = { ...env, webhooks: { ...env.webhooks, targets: { allowPrivate: false, requireHttps: true } } };
    await expect(addAlertChannel(db, { type: "WEBHOOK", target: "https://169.254.169.254/latest", actor, env: strict })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(addAlertChannel(db, { type: "WEBHOOK", target: "http://hooks.example/x", actor, env: strict })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
