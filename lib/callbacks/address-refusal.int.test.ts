import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditedCallbackReprocess } from "@/lib/callbacks/audited-callback-reprocess";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { findAttentionItems } from "@/lib/alerts/find-attention-items";
import { isPortInUse } from "@/lib/db/embedded";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { freePort } from "@/lib/testing/free-port";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";
import { spawnTsx, waitUntil, type NodeProcess } from "@/lib/testing/node-process";

/**
 * The classic misconfiguration: a reverse proxy in front and TRUSTED_PROXIES unset, so every real
 * callback arrives "from" the proxy and is refused for its address. With a valid token such a
 * callback is kept whole (past the per-address cap too), filed as "refused: source address",
 * shouted about (error log, /api/health, Needs attention), and an admin can reprocess it, audited.
 * Callbacks enter a real web process (its log is read); the gateway's worker processes them.
 */

const PROXY = "127.0.0.2";
const CAP = 3;

describe("a callback refused only for its source address, with a valid token", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let web: NodeProcess;
  let webUrl: string;
  let dir: string;
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const pendingPayment = async (amount: number) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: scenarioPhone("pending-forever"), reference: "PROXY" } });
    expect(res.status).toBe(201);
    return payment(String(res.body.id));
  };
  const successBody = (p: { checkoutRequestId: string | null; merchantRequestId: string | null; amount: number }, receipt: string) => JSON.stringify({
    Body: { stkCallback: {
      MerchantRequestID: p.merchantRequestId, CheckoutRequestID: p.checkoutRequestId, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: { Item: [{ Name: "Amount", Value: p.amount }, { Name: "MpesaReceiptNumber", Value: receipt }, { Name: "Balance" },
        { Name: "TransactionDate", Value: 20261205101500 }, { Name: "PhoneNumber", Value: 254708000011 }] },
      // Bigger than the 2 KB excerpt refused requests used to be cut to.
      Padding: "p".repeat(3000),
    } },
  });
  const post = (token: string, body: string) => rawRequest(`${webUrl}/api/callbacks/stk/${token}`, { method: "POST", body, localAddress: PROXY, headers: { "Content-Type": "application/json" } });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "malipo-proxy-"));
    gw = await startGateway({ env: { CALLBACK_REJECTED_LOG_PER_MINUTE: String(CAP), CALLBACK_SPOOL_DIR: path.join(dir, "spool") } });
    shop = await gw.createStorefront("Behind a proxy");
    const port = await freePort();
    webUrl = `http://127.0.0.1:${port}`;
    web = spawnTsx("lib/testing/route-web-process.ts", {
      NODE_ENV: "test", MALIPO_MODE: "demo", LOG_LEVEL: "info", DATABASE_URL: gw.env.database.url, PORT: String(port), HOST: "127.0.0.1",
      PUBLIC_URL: webUrl, CALLBACK_SECRET: gw.env.secrets.callback, CALLBACK_SPOOL_DIR: path.join(dir, "web-spool"), CALLBACK_DB_TIMEOUT_MS: "15000",
      CALLBACK_IP_ALLOWLIST_ENABLED: "true", CALLBACK_IP_ALLOWLIST: "127.0.0.1", CALLBACK_REJECTED_LOG_PER_MINUTE: String(CAP), SIMULATOR_PORT: String(gw.sim.port),
    });
    await waitUntil(() => isPortInUse(port), 30_000, "the web process to listen", web);
  }, 120_000);
  afterAll(async () => {
    await web?.stop();
    await gw?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("stores it whole and files it as refused: source address, logged as an error", async () => {
    const p = await pendingPayment(170);
    const body = successBody(p, "UKT7PROXY1");
    const res = await post(createCallbackToken(p.id, gw.env.secrets.callback, "TEST"), body);
    expect(res.status).toBe(403);
    const log = await eventually(() => gw.db.callbackLog.findFirst({ where: { paymentId: p.id, outcome: "REJECTED" } }));
    expect(log).toMatchObject({ body, ipAllowed: false, tokenValid: true, sourceIp: PROXY, error: expect.stringMatching(/^refused: source address 127\.0\.0\.2 .* token is valid/) });
    expect(await payment(p.id)).toMatchObject({ status: "PENDING" });
    expect((await gw.db.paymentEvent.findMany({ where: { paymentId: p.id }, orderBy: { id: "asc" } })).map((e) => e.type)).toEqual(["initiate", "accept", "callback_rejected"]);
    const loud = web.output().split("\n").filter((l) => /"level":"error"/.test(l) && l.includes("valid token was refused for its source address"));
    expect(loud).toHaveLength(1);
    expect(loud[0]).toContain(`"sourceIp":"${PROXY}"`);
  });

  it("keeps every one past the per-address cap, which still bounds requests with an invalid token", async () => {
    const payments = await Promise.all(Array.from({ length: CAP + 4 }, (_, i) => pendingPayment(200 + i)));
    const answers = await Promise.all(payments.map((p, i) => post(createCallbackToken(p.id, gw.env.secrets.callback, "TEST"), successBody(p, `UKT7CAP${String(i).padStart(3, "0")}`))));
    const forged = [];
    for (let i = 0; i < CAP + 4; i++) forged.push((await post(`${payments[0]!.id}.${"A".repeat(43)}`, "x".repeat(100))).status);
    expect([...answers.map((a) => a.status), ...forged]).toEqual(Array(2 * (CAP + 4)).fill(403));
    await eventually(async () => (await gw.db.callbackLog.count({ where: { paymentId: { in: payments.map((p) => p.id) }, outcome: "REJECTED", tokenValid: true } })) === payments.length);
    expect(await gw.db.callbackLog.count({ where: { token: `${payments[0]!.id}.${"A".repeat(43)}` } })).toBeLessThanOrEqual(CAP);
  });

  it("is shown on /api/health and on Needs attention", async () => {
    const health = await gw.api(shop.keys.TEST, "GET", "/api/health");
    const refused = await gw.db.callbackLog.count({ where: { outcome: "REJECTED", ipAllowed: false, tokenValid: true } });
    expect(health.body.alerts).toEqual([expect.objectContaining({ kind: "callbacks_refused_by_address", count: refused, message: expect.stringMatching(/TRUSTED_PROXIES/) })]);
    const attention = await findAttentionItems(gw.db, { mode: "test", stuckAfterSeconds: 3600 });
    expect(attention.refusedCallbacks.total).toBe(refused);
    expect(attention.alerts.map((a) => a.kind)).toEqual(["callbacks_refused_by_address"]);
    expect(attention.refusedCallbacks.items[0]).toMatchObject({ outcome: "REJECTED", ipAllowed: false, tokenValid: true });
  });

  it("can be reprocessed by an admin, audited, and then settles the payment", async () => {
    const p = await pendingPayment(180);
    await post(createCallbackToken(p.id, gw.env.secrets.callback, "TEST"), successBody(p, "UKT7ADMIN1"));
    const log = await eventually(() => gw.db.callbackLog.findFirst({ where: { paymentId: p.id, outcome: "REJECTED" } }));
    const admin = await gw.db.user.create({ data: { id: "usr_proxyadmin", email: "ops@example.test", name: "Ops", passwordHash: "x", role: "ADMIN" } });
    await auditedCallbackReprocess(gw.db, { callbackId: log.id.toString(), actor: admin, reason: "checked against the M-Pesa statement; the proxy was missing from TRUSTED_PROXIES", ip: "10.0.0.1" });
    const settled = await eventually(async () => {
      const row = await payment(p.id);
      return row.status === "SUCCEEDED" && row;
    });
    expect(settled).toMatchObject({ mpesaReceipt: "UKT7ADMIN1", mpesaAmount: 180 });
    expect(await gw.db.callbackLog.findUniqueOrThrow({ where: { id: log.id } })).toMatchObject({ outcome: "APPLIED", sourceAcceptedBy: admin.id, ipAllowed: false });
    const audit = await gw.db.auditLog.findFirstOrThrow({ where: { action: "callback.reprocess", entityId: log.id.toString() } });
    expect(audit).toMatchObject({ actorUserId: admin.id, reason: expect.stringMatching(/TRUSTED_PROXIES/), before: expect.objectContaining({ outcome: "REJECTED" }), after: expect.objectContaining({ sourceAcceptedBy: admin.id }) });
    const requeued = await gw.db.paymentEvent.findFirstOrThrow({ where: { paymentId: p.id, type: "callback_requeued" } });
    expect(requeued).toMatchObject({ actorUserId: admin.id, data: expect.objectContaining({ sourceAccepted: PROXY }) });
    // Processed once: reprocessing an applied callback is refused.
    await expect(auditedCallbackReprocess(gw.db, { callbackId: log.id.toString(), actor: admin, reason: "again" })).rejects.toMatchObject({ code: "invalid_state" });
  });
});
