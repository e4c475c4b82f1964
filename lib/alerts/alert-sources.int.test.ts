import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAlertChannel } from "@/lib/alerts/add-alert-channel";
import { callbacksRefusedByAddress } from "@/lib/alerts/conditions/callbacks-refused-by-address";
import { queryCredentials } from "@/lib/alerts/conditions/query-credentials";
import { webhookEndpointDisabled } from "@/lib/alerts/conditions/webhook-endpoint-disabled";
import { runAlertCycle } from "@/lib/alerts/run-alert-cycle";
import { auditedCallbackReprocess } from "@/lib/callbacks/audited-callback-reprocess";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "@/lib/env";
import { sendTestEvent } from "@/lib/events/send-test-event";
import { createDarajaClient } from "@/lib/rails/daraja/client";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { reconcilePayment } from "@/lib/reconcile/reconcile-payment";
import { darajaQueryTarget, reconcileSettings, type DarajaQueryAccount } from "@/lib/reconcile/reconcile-settings";
import { setWebhookEndpoint } from "@/lib/storefronts/set-webhook-endpoint";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";
import { startSmtpReceiver, type SmtpReceiver } from "@/lib/testing/smtp-receiver";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { dispatchWebhooks } from "@/lib/webhooks/dispatch-webhooks";

const CONDITIONS = [callbacksRefusedByAddress, queryCredentials, webhookEndpointDisabled];
const KINDS = CONDITIONS.map((c) => c.kind).sort();
const DISABLE_AFTER_SECONDS = 60;

/**
 * The conditions whose state other code writes, provoked the way production provokes them: a real
 * callback refused for its source address over HTTP, a status query the simulator refuses for a
 * wrong passkey, a storefront endpoint the dispatcher disables after it failed for
 * WEBHOOK_DISABLE_AFTER_SECONDS; then each cleared by its remedy (an admin reprocesses the callback,
 * a query with the right configuration, an admin saves the endpoint's URL again). A real SMTP server
 * and a Slack-style receiver hear one alert per condition and one resolution. Time is injected,
 * counted from the refused callback's own arrival.
 */
describe("alerts raised by the code that finds the problem", () => {
  let gw: Gateway;
  let smtp: SmtpReceiver;
  let alerts: WebhookReceiver;
  let storefront: WebhookReceiver;
  let shop: TestStorefront;
  let base: Date;
  let refusedCallbackId: bigint;
  let pending: { id: string; createdAt: Date };
  let endpointId: string;
  const at = (seconds: number) => new Date(base.getTime() + seconds * 1000);
  const actor = { id: null, email: "admin@example.test" };

  type Seen = { channel: "email" | "webhook"; event: string; kind: string };
  const seen = (): Seen[] => [
    ...smtp.mails.map((m) => ({ channel: "email" as const, event: m.headers["x-malipo-alert-event"]!, kind: m.headers["x-malipo-alert-kind"]! })),
    ...alerts.received.map((h) => {
      const body = JSON.parse(h.body) as { event: string; alert: { kind: string } };
      return { channel: "webhook" as const, event: body.event, kind: body.alert.kind };
    }),
  ];
  const kindsOf = (channel: Seen["channel"], event: string) => seen().filter((s) => s.channel === channel && s.event === event).map((s) => s.kind).sort();

  const daraja = (config: Partial<NonNullable<Gateway["env"]["daraja"]["test"]>>): DarajaQueryAccount => ({
    client: createDarajaClient({ ...gw.env.daraja.test!, ...config }), shortcode: SANDBOX_SHORTCODE, timeoutMs: 2000,
  });
  // The reconciler waits in real time for its rate-limit slot: the query's instant is the payment's
  // creation, already past, so no run waits on the clock.
  const query = async (target: DarajaQueryAccount) => {
    await gw.db.payment.update({ where: { id: pending.id }, data: { nextQueryAt: pending.createdAt } });
    return reconcilePayment(gw.db, { paymentId: pending.id, settings: reconcileSettings(gw.env), queryTargetFor: () => darajaQueryTarget(target, gw.env), now: () => pending.createdAt, maxQueries: 1 });
  };
  const dispatchAt = (now: Date) => dispatchWebhooks(gw.db, { settings: gw.env.webhooks, dataSecret: gw.env.secrets.data, targets: gw.env.webhooks.targets, clock: () => now });
  const pendingPayment = async (reference: string) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 130, phone: scenarioPhone("pending-forever"), reference } });
    expect(res.status).toBe(201);
    return gw.db.payment.findUniqueOrThrow({ where: { id: String(res.body.id) } });
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    alerts = await startWebhookReceiver();
    storefront = await startWebhookReceiver(() => ({ status: 500, body: "down for maintenance" }));
    gw = await startGateway({
      env: {
        PAYMENT_EXPIRY_SECONDS: "3600", RECONCILE_AFTER_SECONDS: "3600", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SMTP_SECURITY: "none",
        WEBHOOK_DISABLE_AFTER_SECONDS: String(DISABLE_AFTER_SECONDS), WEBHOOK_BACKOFF_BASE_SECONDS: "1", WEBHOOK_BACKOFF_MAX_SECONDS: "1",
      },
    });
    shop = await gw.createStorefront("Alert sources");
    await addAlertChannel(gw.db, { type: "EMAIL", target: "ops@example.test", actor, env: gw.env });
    await addAlertChannel(gw.db, { type: "WEBHOOK", target: alerts.url, actor, env: gw.env });
  });
  afterAll(async () => {
    await gw?.close();
    await smtp?.close();
    await alerts?.close();
    await storefront?.close();
  });

  it("a refused valid-token callback, a refused status query and a disabled endpoint each raise one alert, on each channel", async () => {
    // The gateway allows callbacks from 127.0.0.1 only: this one comes, validly signed, from 127.0.0.9.
    const refused = await pendingPayment("REFUSED");
    const body = JSON.stringify({ Body: { stkCallback: {
      MerchantRequestID: refused.merchantRequestId, CheckoutRequestID: refused.checkoutRequestId, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: { Item: [{ Name: "Amount", Value: 130 }, { Name: "MpesaReceiptNumber", Value: "UKT7ALERT1" }, { Name: "TransactionDate", Value: 20261208101500 }, { Name: "PhoneNumber", Value: 254708000011 }] },
    } } });
    const answer = await rawRequest(`${gw.app.url}/api/callbacks/stk/${createCallbackToken(refused.id, gw.env.secrets.callback, "TEST")}`, {
      method: "POST", body, localAddress: "127.0.0.9", headers: { "Content-Type": "application/json" },
    });
    expect(answer.status).toBe(403);
    const log = await eventually(() => gw.db.callbackLog.findFirst({ where: { paymentId: refused.id, outcome: "REJECTED", tokenValid: true, ipAllowed: false } }));
    refusedCallbackId = log.id;
    base = log.receivedAt;

    // A status query signed with a wrong passkey: the simulator answers "Wrong credentials".
    pending = await pendingPayment("CREDS");
    await query(daraja({ passkey: `${SANDBOX_PASSKEY.slice(0, -1)}0` }));
    expect(await gw.db.operatorAlert.count({ where: { resolvedAt: null } })).toBe(1);

    // A storefront endpoint answering 500 to every attempt, for longer than WEBHOOK_DISABLE_AFTER_SECONDS.
    const hooked = await gw.createStorefront("Hooked shop");
    endpointId = (await setWebhookEndpoint(gw.db, { storefrontId: hooked.id, mode: "TEST", url: storefront.url, actor, dataSecret: gw.env.secrets.data, targets: gw.env.webhooks.targets })).endpointId;
    await sendTestEvent(gw.db, { storefrontId: hooked.id, endpointId, actor, now: at(20) });
    expect(await dispatchAt(at(20))).toMatchObject({ retrying: 1, endpointsDisabled: 0 });
    expect(await dispatchAt(at(20 + DISABLE_AFTER_SECONDS + 5))).toMatchObject({ endpointsDisabled: 1 });
    expect(storefront.received).toHaveLength(2);

    const opened = await runAlertCycle(gw.db, { env: gw.env, now: at(120), conditions: CONDITIONS });
    expect(opened.evaluation).toMatchObject({ applied: true, opened: KINDS.length, resolved: 0, failedConditions: [] });
    expect(opened.delivery).toEqual({ sent: 2 * KINDS.length, retrying: 0, failed: 0 });
    expect(kindsOf("email", "alert.opened")).toEqual(KINDS);
    expect(kindsOf("webhook", "alert.opened")).toEqual(KINDS);
    const incidents = await gw.db.alertIncident.findMany({ where: { resolvedAt: null }, orderBy: { kind: "asc" } });
    expect(incidents.map((i) => [i.kind, i.subject])).toEqual([["callbacks_refused_by_address", "all"], ["daraja_credentials", expect.stringMatching(/^TEST:acct_/)], ["webhook_endpoint_disabled", endpointId]]);
    expect(incidents[1]!.summary).toMatch(/Wrong credentials/);
    // Nothing new while they hold.
    expect((await runAlertCycle(gw.db, { env: gw.env, now: at(180), conditions: CONDITIONS })).evaluation).toMatchObject({ opened: 0, resolved: 0 });
  });

  it("each remedy clears its condition, and every channel hears one resolution per alert", async () => {
    const admin = await gw.db.user.create({ data: { id: "usr_alertadmin", email: "ops-admin@example.test", name: "Ops", passwordHash: "x", role: "ADMIN" } });
    await auditedCallbackReprocess(gw.db, { callbackId: refusedCallbackId.toString(), actor: admin, reason: "checked against the statement: our proxy was missing from TRUSTED_PROXIES" });
    await eventually(async () => (await gw.db.callbackLog.findUniqueOrThrow({ where: { id: refusedCallbackId } })).outcome === "APPLIED");
    // Daraja answering the right configuration's query resolves the configuration alert.
    await query(daraja({}));
    expect(await gw.db.operatorAlert.count({ where: { resolvedAt: null } })).toBe(0);
    const hooked = await gw.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    await setWebhookEndpoint(gw.db, { storefrontId: hooked.storefrontId, mode: "TEST", url: storefront.url, actor, dataSecret: gw.env.secrets.data, targets: gw.env.webhooks.targets });

    const cleared = await runAlertCycle(gw.db, { env: gw.env, now: at(240), conditions: CONDITIONS });
    expect(cleared.evaluation).toMatchObject({ opened: 0, resolved: KINDS.length });
    expect(kindsOf("email", "alert.resolved")).toEqual(KINDS);
    expect(kindsOf("webhook", "alert.resolved")).toEqual(KINDS);
    for (const channel of ["email", "webhook"] as const) {
      for (const kind of KINDS) expect([kind, seen().filter((s) => s.channel === channel && s.kind === kind).map((s) => s.event)]).toEqual([kind, ["alert.opened", "alert.resolved"]]);
    }
    expect((await runAlertCycle(gw.db, { env: gw.env, now: at(300), conditions: CONDITIONS })).evaluation).toMatchObject({ opened: 0, resolved: 0 });
    expect(seen()).toHaveLength(2 * 2 * KINDS.length);
  });
});
