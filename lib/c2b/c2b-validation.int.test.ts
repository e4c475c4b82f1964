import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createC2bToken } from "@/lib/rails/c2b-token";
import { processC2bJob } from "@/lib/c2b/process-c2b-job";
import { registerAccountC2b } from "@/lib/c2b/register-account-c2b";
import { setC2bValidationRule } from "@/lib/c2b/set-validation-rule";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";

/**
 * C2B validation over HTTP: the simulator asks the account's validation URL before the money moves
 * (external validation enabled for the shortcode), and the storefront's rule answers in Daraja's
 * shape. Plus the confirmation an STK payment fires beside its own callback: the same receipt, so
 * nothing changes twice.
 */

const admin = { id: null, email: "admin@example.test" };

describe("C2B validation", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let accountId: string;
  const create = async (reference: string, amount = 700, phone = scenarioPhone("pending-forever")) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone, reference } });
    expect(res.status).toBe(201);
    return gw.db.payment.findUniqueOrThrow({ where: { id: String(res.body.id) } });
  };
  const pay = async (billRefNumber: string, amount = 700) => {
    const res = await fetch(`${gw.sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify({ shortcode: SANDBOX_SHORTCODE, amount, billRefNumber, msisdn: "254712345126" }) });
    return (await res.json()) as { status: string; decidedBy: string; resultCode: string; receipt?: string };
  };
  const rule = (r: "ACCEPT_ALL" | "OPEN_PAYMENT" | "PATTERN", pattern?: string) => setC2bValidationRule(gw.db, { storefrontId: shop.id, rule: r, pattern, reason: "validation test" }, admin);

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob, processC2bJob] });
    shop = await gw.createStorefront();
    accountId = (await create("SETUP-V")).collectionAccountId!;
    await registerAccountC2b(gw.db, gw.env, { accountId, actor: admin, reason: "C2B set-up" });
    await fetch(`${gw.sim.url}/__sim/c2b/validation`, { method: "POST", body: JSON.stringify({ shortcode: SANDBOX_SHORTCODE, enabled: true }) });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("OPEN_PAYMENT accepts an open payment's reference and amount; rejects other accounts and amounts with Daraja's codes", async () => {
    await rule("OPEN_PAYMENT");
    const payment = await create("ORD-77");
    expect(await pay("ORD-9999")).toMatchObject({ status: "rejected", decidedBy: "validation", resultCode: "C2B00012" });
    expect(await pay("ORD-77", 701)).toMatchObject({ status: "rejected", decidedBy: "validation", resultCode: "C2B00013" });
    const accepted = await pay("ord-77");
    expect(accepted).toMatchObject({ status: "completed", decidedBy: "validation", resultCode: "0" });
    await eventually(async () => (await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status === "SUCCEEDED");
    // Refused payments never happened: only the accepted one's confirmation came.
    expect(await gw.db.callbackLog.count({ where: { kind: "C2B_CONFIRMATION" } })).toBe(1);
  });

  it("PATTERN and ACCEPT_ALL", async () => {
    await rule("PATTERN", "INV-\\d{4}");
    expect(await pay("INV-12")).toMatchObject({ status: "rejected", resultCode: "C2B00012" });
    expect(await pay("inv-1234")).toMatchObject({ status: "completed", resultCode: "0" });
    await expect(rule("PATTERN", "(")).rejects.toThrow(/regular expression/);
    await rule("ACCEPT_ALL");
    expect(await pay("anything at all")).toMatchObject({ status: "completed", resultCode: "0" });
    expect(await gw.db.auditLog.count({ where: { action: "storefront.c2b_validation_rule", entityId: shop.id } })).toBe(3);
  });

  it("refuses a bad token, a foreign address and an unreadable body without answering for the account", async () => {
    const url = (token: string) => `${gw.app.url}/api/callbacks/c2b/${token}/validation`;
    const good = createC2bToken(accountId, gw.env.secrets.callback, "TEST");
    const send = (token: string, body: string, localAddress = "127.0.0.1") => rawRequest(url(token), { method: "POST", body, localAddress, headers: { "Content-Type": "application/json" } });
    expect((await send(`${"62".repeat(8)}.T.${"0".repeat(64)}`, "{}")).status).toBe(404);
    expect((await send(good, "{}", "127.0.0.2")).status).toBe(403);
    const unreadable = await send(good, "{not json");
    expect([unreadable.status, (unreadable.json as { error: { code: string } }).error.code]).toEqual([400, "invalid_request"]);
    expect((await rawRequest(url(good))).status).toBe(405);
  });

  it("an STK payment's own C2B confirmation, under the same receipt, changes nothing", async () => {
    await fetch(`${gw.sim.url}/__sim/c2b/validation`, { method: "POST", body: JSON.stringify({ shortcode: SANDBOX_SHORTCODE, enabled: false }) });
    const payment = await create("STK-1", 300, scenarioPhone("success"));
    const log = await eventually(async () => {
      const row = await gw.db.callbackLog.findFirst({ where: { kind: "C2B_CONFIRMATION", body: { contains: "STK-1" } } });
      return row && row.outcome !== "RECEIVED" && row;
    });
    await eventually(async () => (await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status === "SUCCEEDED");
    const settled = await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(log.body).toContain(settled.mpesaReceipt!);
    expect(await gw.db.paymentEvent.count({ where: { paymentId: payment.id, type: "succeed" } })).toBe(1);
    expect(await gw.db.unattachedReceipt.count({ where: { receipt: settled.mpesaReceipt! } })).toBe(0);
  });
});
