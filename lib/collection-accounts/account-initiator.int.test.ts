import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { ensureEnvironmentAccount } from "@/lib/collection-accounts/bootstrap-environment-accounts";
import { initiatorForAccount } from "@/lib/collection-accounts/initiator-for-account";
import { saveInitiatorSchema } from "@/lib/collection-accounts/initiator-schemas";
import { saveAccountInitiator } from "@/lib/collection-accounts/save-account-initiator";
import { saveDarajaAccount } from "@/lib/collection-accounts/save-daraja-account";
import { saveDarajaAccountSchema } from "@/lib/collection-accounts/schemas";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE, SIMULATOR_CONSUMER_KEY, SIMULATOR_CONSUMER_SECRET } from "@/lib/env";
import { askTransactionStatus } from "@/lib/initiator-requests/ask-transaction-status";
import { processInitiatorResultJob } from "@/lib/initiator-requests/process-initiator-result-job";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * A dashboard account's API operator: set by an admin (sealed, audited without its values),
 * refused for environment accounts and unusable certificates, tied to the environment its
 * certificate was saved for, and used for a lookup against the simulator over HTTP.
 */
const admin = { id: null, email: "admin@initiator.test" };
const PASSWORD = "Safaricom999!*!";

describe("an account's initiator", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let accountId: string;
  const setInitiator = (fields: Record<string, string>) =>
    saveAccountInitiator(gw.db, { input: saveInitiatorSchema.parse({ storefrontId: shop.id, accountId, reason: "operator from the org portal", ...fields }), actor: admin, now: new Date(), env: gw.env });
  const account = () => gw.db.collectionAccount.findUniqueOrThrow({ where: { id: accountId } });

  beforeAll(async () => {
    gw = await startGateway({ jobs: [processCallbackJob, processInitiatorResultJob] });
    shop = await gw.createStorefront("Initiator shop");
    const saved = await saveDarajaAccount(gw.db, {
      input: saveDarajaAccountSchema.parse({
        storefrontId: shop.id, mode: "TEST", name: "Dashboard paybill", environment: "simulator", kind: "paybill", shortcode: SANDBOX_SHORTCODE,
        consumerKey: SIMULATOR_CONSUMER_KEY, consumerSecret: SIMULATOR_CONSUMER_SECRET, passkey: SANDBOX_PASSKEY, makeDefault: "on", reason: "set-up",
      }),
      actor: admin, env: gw.env,
    });
    accountId = saved.id;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("keeps the password sealed and out of the audit log, and refuses what it cannot use", async () => {
    expect(initiatorForAccount(gw.env, await account())).toMatchObject({ ok: false, reason: expect.stringContaining("No initiator") });
    await expect(setInitiator({ initiatorName: "testapi" })).rejects.toMatchObject({ code: "validation_failed", param: "initiatorPassword" });
    await expect(setInitiator({ initiatorName: "testapi", initiatorPassword: PASSWORD, certificate: "<!DOCTYPE html><html>" })).rejects.toMatchObject({ code: "validation_failed", param: "certificate" });
    await setInitiator({ initiatorName: "testapi", initiatorPassword: PASSWORD });
    const row = await account();
    expect(row).toMatchObject({ initiatorName: "testapi", initiatorUpdatedBy: admin.email });
    const audits = await gw.db.auditLog.findMany({ where: { action: "collection_account.initiator_set", entityId: accountId } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toEqual({ initiatorName: "testapi", passwordChanged: true, certificateChanged: false });
    expect(JSON.stringify([row, audits], (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(PASSWORD);
    expect(initiatorForAccount(gw.env, row)).toMatchObject({ ok: true, credentials: { name: "testapi" } });

    await ensureEnvironmentAccount(gw.db, gw.env, { storefrontId: shop.id, mode: "LIVE" });
    const environmentAccount = await gw.db.collectionAccount.findFirstOrThrow({ where: { storefrontId: shop.id, source: "ENVIRONMENT" } });
    await expect(saveAccountInitiator(gw.db, {
      input: saveInitiatorSchema.parse({ storefrontId: shop.id, accountId: environmentAccount.id, initiatorName: "x", initiatorPassword: "y", reason: "not allowed" }), actor: admin, now: new Date(), env: gw.env,
    })).rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("DARAJA_LIVE_INITIATOR_") });
  });

  it("asks Transaction Status as the account's own operator", async () => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 90, phone: "254708374149", reference: "INIT-1", collection_account: accountId } });
    expect(res.status).toBe(201);
    const id = String(res.body.id);
    const paid = await eventually(async () => {
      const p = await gw.db.payment.findUniqueOrThrow({ where: { id } });
      return p.mpesaReceipt !== null && p;
    });
    const request = await askTransactionStatus(gw.db, gw.env, { paymentId: id, receipt: paid.mpesaReceipt!, reason: "check", actor: admin, now: new Date() });
    expect(request).toMatchObject({ state: "QUEUED", collectionAccountId: accountId });
    const done = await eventually(async () => {
      const r = await gw.db.initiatorRequest.findUniqueOrThrow({ where: { id: request.id } });
      return r.state === "ANSWERED" && r;
    });
    expect(done.summary).toContain(`receipt ${paid.mpesaReceipt} is Completed: KES 90`);
    expect(done.summary).toContain(`for payment ${id}`);
  });

  it("refuses a certificate saved for another environment once the account moves", async () => {
    await saveDarajaAccount(gw.db, {
      input: saveDarajaAccountSchema.parse({
        storefrontId: shop.id, accountId, mode: "TEST", name: "Dashboard paybill", environment: "sandbox", kind: "paybill", shortcode: SANDBOX_SHORTCODE, reason: "to the sandbox",
      }),
      actor: admin, env: gw.env,
    });
    expect(initiatorForAccount(gw.env, await account())).toMatchObject({ ok: false, reason: expect.stringContaining("sandbox certificate") });
    await expect(setInitiator({ initiatorName: "testapi" })).rejects.toMatchObject({ code: "validation_failed", param: "certificate" });
  });
});
