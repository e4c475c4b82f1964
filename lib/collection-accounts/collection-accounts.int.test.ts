import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapEnvironmentAccounts, ensureEnvironmentAccount } from "@/lib/collection-accounts/bootstrap-environment-accounts";
import { changeAccountState } from "@/lib/collection-accounts/change-account-state";
import { saveDarajaAccount } from "@/lib/collection-accounts/save-daraja-account";
import { saveDarajaAccountSchema } from "@/lib/collection-accounts/schemas";
import { testAccountConnection } from "@/lib/collection-accounts/test-account-connection";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "@/lib/env";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { recheckPayment } from "@/lib/reconcile/recheck-payment";
import { reconcilePayment } from "@/lib/reconcile/reconcile-payment";
import { queryTargetFor, reconcileSettings } from "@/lib/reconcile/reconcile-settings";
import { startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * Collection accounts over real HTTP: a live paybill and a test till on one storefront, each with
 * its own Daraja app, set up as an admin would, each used by its payments and asked about with its
 * own credentials, as the simulator records (which consumer key got each token, which shortcode
 * each query named). Plus the environment bootstrap under concurrency, and the connection test.
 */

const PAYBILL = { consumerKey: "live-paybill-app-key", consumerSecret: "live-paybill-app-secret", shortcode: "600200", passkey: "paybill-passkey-600200" };
const TILL = { consumerKey: "test-till-app-key", consumerSecret: "test-till-app-secret", shortcode: "600300", passkey: "till-store-passkey-600300", tillNumber: "5123456" };
const admin = { id: null, email: "admin@example.test" };

type Json = Record<string, unknown>;

describe("collection accounts", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let liveAccountId: string;
  let tillAccountId: string;

  const save = (fields: Record<string, string>) =>
    saveDarajaAccount(gw.db, { input: saveDarajaAccountSchema.parse({ storefrontId: shop.id, reason: "new account for the shop", ...fields }), actor: admin, env: gw.env });
  const sim = async <T>(path: string) => (await (await fetch(`${gw.sim.url}${path}`)).json()) as T;
  const pushOf = async (checkoutRequestId: string) =>
    (await sim<{ pushes: Json[] }>(`/__sim/pushes?checkoutRequestId=${checkoutRequestId}`)).pushes[0] as { consumerKey: string; request: Json; queries: Json[] };

  beforeAll(async () => {
    gw = await startGateway({
      env: { PAYMENT_EXPIRY_SECONDS: "3600", RECONCILE_AFTER_SECONDS: "3600" },
      simulator: {
        apps: [PAYBILL, TILL],
        shortcodes: [
          { shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY },
          { shortcode: PAYBILL.shortcode, passkey: PAYBILL.passkey },
          { shortcode: TILL.shortcode, passkey: TILL.passkey, tills: [TILL.tillNumber], paybill: false },
        ],
      },
    });
    shop = await gw.createStorefront("Two accounts");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("bootstraps the environment's account once per storefront and mode, however many processes start at once", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => ensureEnvironmentAccount(gw.db, gw.env, { storefrontId: shop.id, mode: "TEST" })));
    expect(results.filter(Boolean)).toHaveLength(1);
    await Promise.all([bootstrapEnvironmentAccounts(gw.db, gw.env), bootstrapEnvironmentAccounts(gw.db, gw.env)]);
    const accounts = await gw.db.collectionAccount.findMany({ where: { storefrontId: shop.id } });
    // One per rail the environment configures: Daraja and, in demo mode, the Vodacom simulator.
    expect(accounts.map((a) => [a.rail, a.mode, a.source, a.isDefault, a.currency]).sort()).toEqual([
      ["daraja_stk", "LIVE", "ENVIRONMENT", true, "KES"], ["daraja_stk", "TEST", "ENVIRONMENT", true, "KES"],
      ["vodacom_c2b", "LIVE", "ENVIRONMENT", true, "TZS"], ["vodacom_c2b", "TEST", "ENVIRONMENT", true, "TZS"],
    ]);
  });

  it("stores an admin's account with its secrets encrypted, audited without them", async () => {
    const live = await save({ mode: "LIVE", name: "Main paybill", environment: "simulator", kind: "paybill", tillNumber: "", ...PAYBILL, makeDefault: "on" });
    const till = await save({ mode: "TEST", name: "Shop till", environment: "simulator", kind: "till", ...TILL, makeDefault: "on" });
    liveAccountId = live.id;
    tillAccountId = till.id;
    const row = await gw.db.collectionAccount.findUniqueOrThrow({ where: { id: till.id } });
    expect(row).toMatchObject({ source: "DASHBOARD", isDefault: true, keyHint: "-key", settings: { environment: "simulator", shortcode: TILL.shortcode, tillNumber: TILL.tillNumber } });
    const stored = JSON.stringify(row) + JSON.stringify(await gw.db.auditLog.findMany({ where: { entityType: "collection_account" }, select: { before: true, after: true } }));
    for (const secret of [TILL.consumerKey, TILL.consumerSecret, TILL.passkey, PAYBILL.consumerSecret, PAYBILL.passkey]) expect(stored).not.toContain(secret);
    // The environment accounts stepped aside as defaults, one default per mode (and rail).
    expect(await gw.db.collectionAccount.count({ where: { storefrontId: shop.id, rail: "daraja_stk", isDefault: true } })).toBe(2);
    expect(await gw.db.auditLog.count({ where: { action: "collection_account.create", entityId: { in: [live.id, till.id] } } })).toBe(2);
  });

  it("refuses an environment the mode may not use: live money against the simulator's sandbox twin", async () => {
    await expect(save({ mode: "LIVE", name: "Sandbox live?", environment: "sandbox", kind: "paybill", tillNumber: "", ...PAYBILL }))
      .rejects.toMatchObject({ code: "validation_failed" });
  });

  it("tests a connection with a real OAuth call: the right credentials work, wrong ones fail, both are recorded", async () => {
    const ok = await testAccountConnection(gw.db, { storefrontId: shop.id, accountId: tillAccountId, actor: admin, env: gw.env });
    expect(ok.ok).toBe(true);
    await save({ accountId: tillAccountId, mode: "TEST", name: "Shop till", environment: "simulator", kind: "till", shortcode: TILL.shortcode, tillNumber: TILL.tillNumber, consumerKey: "", consumerSecret: "not-the-secret", passkey: "" });
    const failed = await testAccountConnection(gw.db, { storefrontId: shop.id, accountId: tillAccountId, actor: admin, env: gw.env });
    expect(failed.ok).toBe(false);
    expect(await gw.db.collectionAccount.findUniqueOrThrow({ where: { id: tillAccountId } })).toMatchObject({ lastTestOk: false });
    // Put the right secret back: an empty field keeps the stored key and passkey.
    await save({ accountId: tillAccountId, mode: "TEST", name: "Shop till", environment: "simulator", kind: "till", shortcode: TILL.shortcode, tillNumber: TILL.tillNumber, consumerKey: "", consumerSecret: TILL.consumerSecret, passkey: "" });
    expect((await testAccountConnection(gw.db, { storefrontId: shop.id, accountId: tillAccountId, actor: admin, env: gw.env })).ok).toBe(true);
    expect(await gw.db.auditLog.count({ where: { action: "collection_account.test", entityId: tillAccountId } })).toBe(3);
  });

  it("sends each mode's payments to its own account, and asks about each with that account's credentials", async () => {
    const body = { amount: 150, phone: scenarioPhone("pending-forever"), reference: "TWOACCTS" };
    const live = await gw.api(shop.keys.LIVE, "POST", "/api/v1/payments", { body });
    const test = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body });
    expect([live.status, test.status]).toEqual([201, 201]);
    const livePayment = await gw.db.payment.findUniqueOrThrow({ where: { id: String(live.body.id) } });
    const testPayment = await gw.db.payment.findUniqueOrThrow({ where: { id: String(test.body.id) } });
    expect([livePayment.collectionAccountId, testPayment.collectionAccountId]).toEqual([liveAccountId, tillAccountId]);

    const livePush = await pushOf(livePayment.checkoutRequestId!);
    const testPush = await pushOf(testPayment.checkoutRequestId!);
    expect(livePush).toMatchObject({ consumerKey: PAYBILL.consumerKey, request: { businessShortCode: PAYBILL.shortcode, transactionType: "CustomerPayBillOnline", partyB: PAYBILL.shortcode } });
    expect(testPush).toMatchObject({ consumerKey: TILL.consumerKey, request: { businessShortCode: TILL.shortcode, transactionType: "CustomerBuyGoodsOnline", partyB: TILL.tillNumber } });

    // The admin's re-check and the reconciler both find the payment's account on their own.
    await recheckPayment(gw.db, { paymentId: livePayment.id, actorUserId: "usr_admin", reason: "customer asks", env: gw.env });
    await gw.db.payment.update({ where: { id: testPayment.id }, data: { nextQueryAt: new Date() } });
    await reconcilePayment(gw.db, { paymentId: testPayment.id, settings: reconcileSettings(gw.env), queryTargetFor: (p) => queryTargetFor(gw.db, gw.env, p), maxQueries: 1 });
    expect((await pushOf(livePayment.checkoutRequestId!)).queries).toEqual([expect.objectContaining({ consumerKey: PAYBILL.consumerKey, shortcode: PAYBILL.shortcode })]);
    expect((await pushOf(testPayment.checkoutRequestId!)).queries).toEqual([expect.objectContaining({ consumerKey: TILL.consumerKey, shortcode: TILL.shortcode })]);
    const issued = (await sim<{ tokens: { consumerKey: string }[] }>("/__sim/tokens")).tokens.map((t) => t.consumerKey);
    expect(issued).toEqual(expect.arrayContaining([PAYBILL.consumerKey, TILL.consumerKey]));
  });

  it("lets the request name an account: this storefront's, of the key's mode, enabled", async () => {
    const environmentTest = await gw.db.collectionAccount.findFirstOrThrow({ where: { storefrontId: shop.id, mode: "TEST", rail: "daraja_stk", source: "ENVIRONMENT" } });
    const body = { amount: 20, phone: scenarioPhone("success"), reference: "NAMED" };
    const named = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { ...body, collection_account: environmentTest.id } });
    expect(named.status).toBe(201);
    const payment = await gw.db.payment.findUniqueOrThrow({ where: { id: String(named.body.id) } });
    expect(payment.collectionAccountId).toBe(environmentTest.id);
    expect((await pushOf(payment.checkoutRequestId!)).request).toMatchObject({ businessShortCode: SANDBOX_SHORTCODE });

    const otherMode = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { ...body, collection_account: liveAccountId } });
    expect(otherMode.status).toBe(400);
    expect(otherMode.body).toMatchObject({ error: { code: "invalid_request", param: "collection_account" } });
    const malformed = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { ...body, collection_account: "pay_nope" } });
    expect(malformed.status).toBe(422);

    await changeAccountState(gw.db, { storefrontId: shop.id, accountId: environmentTest.id, change: "disable", reason: "till only now", actor: admin });
    const disabled = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { ...body, collection_account: environmentTest.id } });
    expect(disabled.status).toBe(409);
    // Its payment is still asked about with it.
    await recheckPayment(gw.db, { paymentId: payment.id, actorUserId: "usr_admin", reason: "after disabling", env: gw.env });
    expect((await pushOf(payment.checkoutRequestId!)).queries.at(-1)).toMatchObject({ shortcode: SANDBOX_SHORTCODE });
    // The default cannot be disabled while another enabled account of its rail could take over.
    await changeAccountState(gw.db, { storefrontId: shop.id, accountId: environmentTest.id, change: "enable", reason: "back again", actor: admin });
    await expect(changeAccountState(gw.db, { storefrontId: shop.id, accountId: tillAccountId, change: "disable", reason: "the default", actor: admin }))
      .rejects.toMatchObject({ code: "invalid_state" });
  });

  it("gives a storefront made after start its environment account at its first payment", async () => {
    const late = await gw.createStorefront("Made later");
    const res = await gw.api(late.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 10, phone: scenarioPhone("success"), reference: "LATE" } });
    expect(res.status).toBe(201);
    const account = await gw.db.collectionAccount.findFirstOrThrow({ where: { storefrontId: late.id, mode: "TEST", rail: "daraja_stk" } });
    expect(account).toMatchObject({ source: "ENVIRONMENT", isDefault: true });
    expect((await gw.db.payment.findUniqueOrThrow({ where: { id: String(res.body.id) } })).collectionAccountId).toBe(account.id);
  });
});
