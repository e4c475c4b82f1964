import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { ensureEnvironmentAccount } from "@/lib/collection-accounts/bootstrap-environment-accounts";
import { resendPrompt } from "@/lib/charges/resend-prompt";
import { changeAccountState } from "@/lib/collection-accounts/change-account-state";
import { saveVodacomAccount } from "@/lib/collection-accounts/save-vodacom-account";
import { testAccountConnection } from "@/lib/collection-accounts/test-account-connection";
import { saveVodacomAccountSchema } from "@/lib/collection-accounts/vodacom-account-schemas";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { scenarioMsisdn } from "@/lib/rails/vodacom/simulator/scenarios";
import type { RunningVodacomSimulator } from "@/lib/rails/vodacom/simulator/server";
import { startTestSimulator } from "@/lib/rails/vodacom/simulator/test-support";
import { reconcilePaymentJob } from "@/lib/reconcile/reconcile-payment-job";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { validateJsonSchema } from "@/lib/testing/json-schema-subset";

/**
 * One create call, two countries, over real HTTP: a storefront holding a Daraja account (M-Pesa
 * Kenya, KES) and a Vodacom account added as an admin would (M-Pesa Tanzania, TZS) charges a
 * Kenyan and a Tanzanian number through POST /api/v1/payments; each goes to its own simulator and
 * is settled there (the Daraja callback, the Vodacom status query). A storefront without the
 * Vodacom rail, a fractional or unknown-currency request: a 422 naming the field, no payment
 * stored, no request seen by either simulator.
 */

const admin = { id: null, email: "admin@example.test" };
type Json = Record<string, unknown>;

describe("routing a payment to its rail", () => {
  let vodacom: RunningVodacomSimulator;
  let gw: Gateway;
  let both: TestStorefront;
  let kenyaOnly: TestStorefront;
  let vodacomAccountId: string;

  const pay = (shop: TestStorefront, body: Json) => gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body });
  const paymentsOf = (shop: TestStorefront) => gw.db.payment.count({ where: { storefrontId: shop.id } });
  /** Everything either simulator was asked to do: Daraja pushes, Vodacom transactions and refusals, sessions. */
  const simulatorTraffic = async () => {
    const listed = (await (await fetch(`${vodacom.url}/__sim/transactions`)).json()) as { transactions: unknown[]; refused: unknown[] };
    return { pushes: gw.sim.pushes().length, vodacom: listed.transactions.length, refused: listed.refused.length, sessions: vodacom.sessionsIssued() };
  };
  const settled = (shop: TestStorefront, id: string) =>
    eventually(async () => {
      const res = await gw.api(shop.keys.TEST, "GET", `/api/v1/payments/${id}`);
      return res.body.status === "succeeded" ? res.body : null;
    }, 20_000);

  beforeAll(async () => {
    vodacom = await startTestSimulator();
    gw = await startGateway({
      // Our Vodacom timeout (1 s) comes before the simulator drops a lost answer's connection (2 s).
      env: {
        VODACOM_SIMULATOR_PORT: String(vodacom.port), VODACOM_SIMULATOR_ACTIVATION_DELAY_MS: "0", VODACOM_TIMEOUT_MS: "1000",
        RECONCILE_AFTER_SECONDS: "1", PAYMENT_EXPIRY_SECONDS: "3600",
      },
      jobs: [processCallbackJob, reconcilePaymentJob],
    });
    both = await gw.createStorefront("Nairobi & Dar");
    kenyaOnly = await gw.createStorefront("Nairobi only");
    const account = await saveVodacomAccount(gw.db, {
      input: saveVodacomAccountSchema.parse({
        storefrontId: both.id, mode: "TEST", name: "Dar es Salaam shop", environment: "simulator", market: "TZN", serviceProviderCode: "000000",
        apiKey: vodacom.options.apiKey, publicKey: vodacom.publicKey, reason: "opening in Tanzania",
      }),
      actor: admin, env: gw.env,
    });
    vodacomAccountId = account.id;
    // The Kenyan shop's Vodacom rail (the demo's simulator account) is switched off by an admin.
    await ensureEnvironmentAccount(gw.db, gw.env, { storefrontId: kenyaOnly.id, mode: "TEST", rail: "vodacom_c2b" });
    const its = await gw.db.collectionAccount.findFirstOrThrow({ where: { storefrontId: kenyaOnly.id, mode: "TEST", rail: "vodacom_c2b" } });
    await changeAccountState(gw.db, { storefrontId: kenyaOnly.id, accountId: its.id, change: "disable", reason: "Kenya only", actor: admin });
  });
  afterAll(async () => {
    await gw?.close();
    await vodacom?.close();
  });

  it("keeps the Vodacom account's secrets sealed, and tests it with a session handshake", async () => {
    const row = await gw.db.collectionAccount.findUniqueOrThrow({ where: { id: vodacomAccountId } });
    expect(row).toMatchObject({ rail: "vodacom_c2b", currency: "TZS", isDefault: true, source: "DASHBOARD", settings: { environment: "simulator", market: "TZN", serviceProviderCode: "000000" } });
    const audit = await gw.db.auditLog.findMany({ where: { entityId: vodacomAccountId }, select: { reason: true, before: true, after: true } });
    expect(audit.map((a) => a.reason)).toEqual(["opening in Tanzania"]);
    const stored = JSON.stringify(row) + JSON.stringify(audit);
    expect(stored).not.toContain(vodacom.options.apiKey);
    expect(stored).not.toContain(vodacom.publicKey.slice(20, 80));

    const sessions = vodacom.sessionsIssued();
    const result = await testAccountConnection(gw.db, { storefrontId: both.id, accountId: vodacomAccountId, actor: admin, env: gw.env });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("opened a session") });
    expect(vodacom.sessionsIssued()).toBe(sessions + 1);
  });

  it("edits a Vodacom account as an admin: empty secrets kept, the market (currency) fixed, audited with the reason", async () => {
    const edit = (fields: Record<string, string>) => saveVodacomAccount(gw.db, {
      input: saveVodacomAccountSchema.parse({
        storefrontId: both.id, accountId: vodacomAccountId, mode: "TEST", name: "Dar es Salaam shop", environment: "simulator", market: "TZN",
        serviceProviderCode: "000000", reason: "renamed", ...fields,
      }),
      actor: admin, env: gw.env,
    });
    const before = await gw.db.collectionAccount.findUniqueOrThrow({ where: { id: vodacomAccountId } });
    const after = await edit({ name: "Dar shop (Kariakoo)" });
    expect(after).toMatchObject({ name: "Dar shop (Kariakoo)", secretsEncrypted: before.secretsEncrypted, keyHint: before.keyHint, lastTestedAt: null });
    expect(await testAccountConnection(gw.db, { storefrontId: both.id, accountId: vodacomAccountId, actor: admin, env: gw.env })).toMatchObject({ ok: true });
    await expect(edit({ market: "GHA" })).rejects.toMatchObject({ code: "validation_failed", param: "market" });
    await expect(edit({ publicKey: "not a key" })).rejects.toMatchObject({ code: "validation_failed", param: "publicKey" });
    const wrongKey = await edit({ apiKey: "not-the-simulators-key" });
    expect(wrongKey.keyHint).toBe("-key");
    expect(await testAccountConnection(gw.db, { storefrontId: both.id, accountId: vodacomAccountId, actor: admin, env: gw.env })).toMatchObject({ ok: false });
    await edit({ apiKey: vodacom.options.apiKey });
    const audit = await gw.db.auditLog.findMany({ where: { entityId: vodacomAccountId, action: "collection_account.update" }, select: { reason: true, after: true } });
    expect(audit.map((a) => [a.reason, (a.after as Json).secretsChanged])).toEqual([["renamed", false], ["renamed", true], ["renamed", true]]);
    expect(JSON.stringify(audit)).not.toContain("not-the-simulators-key");
  });

  it("charges a Kenyan and a Tanzanian number through the same call, each on its own rail and settled there", async () => {
    const kenyan = await pay(both, { amount: 100, phone: scenarioPhone("success"), reference: "KE-1" });
    const tanzanian = await pay(both, { amount: 1500, phone: "+255 754 000 001", reference: "TZ-1", description: "Kitenge" });
    expect(kenyan).toMatchObject({ status: 201, body: { currency: "KES", phone: scenarioPhone("success") } });
    expect(tanzanian).toMatchObject({ status: 201, body: { currency: "TZS", phone: scenarioMsisdn("success"), amount: 1500 } });
    // Both answers are the documented payment object.
    const doc = buildOpenApiDocument({ serverUrl: gw.env.publicUrl });
    for (const res of [kenyan, tanzanian]) expect(validateJsonSchema({ $ref: "#/components/schemas/Payment" }, res.body, { root: doc, strict: true })).toEqual([]);

    const [ke, tz] = await Promise.all([String(kenyan.body.id), String(tanzanian.body.id)].map((id) => gw.db.payment.findUniqueOrThrow({ where: { id }, include: { collectionAccount: true } })));
    expect(ke!.collectionAccount).toMatchObject({ rail: "daraja_stk", currency: "KES" });
    expect(tz!.collectionAccountId).toBe(vodacomAccountId);
    // Each simulator saw only its own payment.
    expect(gw.sim.pushes().map((p) => p.checkoutRequestId)).toEqual([ke!.checkoutRequestId]);
    expect(vodacom.transactions().map((t) => [t.msisdn, t.amountMinor])).toEqual([[scenarioMsisdn("success"), 1500]]);

    expect(await settled(both, ke!.id)).toMatchObject({ currency: "KES", mpesa_receipt: expect.any(String) });
    expect(await settled(both, tz!.id)).toMatchObject({ currency: "TZS", amount: 1500 });
    const list = await gw.api(both.keys.TEST, "GET", "/api/v1/payments");
    expect((list.body.data as Json[]).map((p) => [p.id, p.currency]).sort()).toEqual([[ke!.id, "KES"], [tz!.id, "TZS"]].sort());
  });

  it("routes a new storefront's concurrent first payments, each rail's environment account made once", async () => {
    const fresh = await gw.createStorefront("Opened today");
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      pay(fresh, i % 2 ? { amount: 500 + i, phone: scenarioMsisdn("success"), reference: `TZ-NEW-${i}` } : { amount: 50 + i, phone: scenarioPhone("success"), reference: `KE-NEW-${i}` })));
    expect(answers.map((a) => [a.status, a.body.currency])).toEqual(Array.from({ length: 10 }, (_, i) => [201, i % 2 ? "TZS" : "KES"]));
    const accounts = await gw.db.collectionAccount.findMany({ where: { storefrontId: fresh.id, mode: "TEST" }, select: { rail: true, source: true } });
    expect(accounts.map((a) => `${a.rail} ${a.source}`).sort()).toEqual(["daraja_stk ENVIRONMENT", "vodacom_c2b ENVIRONMENT"]);
  });

  it("lets the rail or the currency decide for a local number both countries could have", async () => {
    const byCurrency = await pay(both, { amount: 2000, phone: "0754 000 001", reference: "TZ-2", currency: "TZS" });
    const byRail = await pay(both, { amount: 2000, phone: "0754 000 001", reference: "TZ-3", rail: "vodacom_c2b" });
    expect([byCurrency.status, byCurrency.body.currency, byCurrency.body.phone]).toEqual([201, "TZS", "255754000001"]);
    expect([byRail.status, byRail.body.currency]).toEqual([201, "TZS"]);
  });

  it("asks about a Vodacom push whose answer never came by its conversation id, and settles it from the answer", async () => {
    const lost = await pay(both, { amount: 900, phone: scenarioMsisdn("answer-lost"), reference: "TZ-LOST" });
    expect(lost).toMatchObject({ status: 202, body: { status: "initiating", currency: "TZS" } });
    const id = String(lost.body.id);
    const row = await gw.db.payment.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ outcomeUnknown: true, checkoutRequestId: expect.any(String) });
    expect(await settled(both, id)).toMatchObject({ status: "succeeded", amount: 900 });
    // One push only, then the status query that settled it.
    const pushed = vodacom.transactions().filter((t) => t.thirdPartyConversationId === row.checkoutRequestId);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.queries.length).toBeGreaterThanOrEqual(1);
  });

  it("never sends a Vodacom payment's prompt again: its conversation id is the payment's, a second would be refused as a duplicate", async () => {
    // The synchronous form answers the customer's cancellation in the push's own answer: the rail
    // reports it as a refused push, so the payment is failed at once (402 with the payment).
    const declined = await pay(both, { amount: 700, phone: scenarioMsisdn("cancelled"), reference: "TZ-CXL" });
    expect(declined).toMatchObject({ status: 402, body: { error: { code: "mpesa_rejected", payment: { status: "failed", currency: "TZS" } } } });
    const id = String((declined.body.error as Json).payment_id);
    const before = await simulatorTraffic();
    await expect(resendPrompt(gw.db, { paymentId: id, actor: admin, reason: "customer asks again", env: gw.env })).rejects.toMatchObject({ code: "invalid_state" });
    expect(await gw.db.paymentAttempt.count({ where: { paymentId: id } })).toBe(1);
    expect(await simulatorTraffic()).toEqual(before);
  });

  it("refuses a Tanzanian number on a storefront without the Vodacom rail: 422, nothing stored, nothing sent", async () => {
    const before = await simulatorTraffic();
    const res = await pay(kenyaOnly, { amount: 1500, phone: "255754000001", reference: "TZ-NO" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { code: "validation_failed", param: "phone", message: expect.stringContaining("no enabled Vodacom Tanzania") } });
    const named = await pay(kenyaOnly, { amount: 1500, phone: "0754000001", reference: "TZ-NO", rail: "vodacom_c2b" });
    expect(named).toMatchObject({ status: 422, body: { error: { param: "rail" } } });
    expect(await paymentsOf(kenyaOnly)).toBe(0);
    expect(await simulatorTraffic()).toEqual(before);
    // Its Kenyan numbers still go through.
    expect((await pay(kenyaOnly, { amount: 10, phone: scenarioPhone("success"), reference: "KE-OK" })).status).toBe(201);
  });

  it("refuses a fractional TZS amount, an unknown currency and one the rail does not collect, before anything is stored or sent", async () => {
    const before = { traffic: await simulatorTraffic(), payments: await paymentsOf(both) };
    const cases: [Json, string][] = [
      [{ amount: 1500.5, phone: "255754000001", reference: "TZ-FR" }, "amount"],
      [{ amount: 1500.5, phone: "255754000001", reference: "TZ-FR", currency: "TZS" }, "amount"],
      [{ amount: 1500, phone: "255754000001", reference: "TZ-XYZ", currency: "XYZ" }, "currency"],
      [{ amount: 1500, phone: "255754000001", reference: "TZ-KES", currency: "KES", rail: "vodacom_c2b" }, "currency"],
      [{ amount: 100, phone: "254708374149", reference: "KE-TZS", currency: "TZS", rail: "daraja_stk" }, "currency"],
      [{ amount: 1500, phone: "255754000001", reference: "TZ-CUR", currency: 12 }, "currency"],
    ];
    const doc = buildOpenApiDocument({ serverUrl: gw.env.publicUrl });
    for (const [body, param] of cases) {
      const res = await pay(both, body);
      expect(validateJsonSchema({ $ref: "#/components/schemas/Error" }, res.body, { root: doc, strict: true })).toEqual([]);
      expect({ status: res.status, param: (res.body.error as Json | undefined)?.param, type: res.headers.get("content-type") }).toEqual({ status: 422, param, type: expect.stringContaining("json") });
    }
    expect({ traffic: await simulatorTraffic(), payments: await paymentsOf(both) }).toEqual(before);
  });
});
