import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "@/lib/env";
import { createDarajaClient } from "../client";
import { createDarajaApi, type DarajaApi } from "../daraja-api";
import { msisdnMatches, sha256Hex } from "../msisdn-evidence";
import { startNotificationReceiver, simulatorConfig, type NotificationReceiver } from "../simulator/ledger-test-support";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { waitUntil } from "../simulator/test-support";
import { parseC2bNotification, type C2bNotification } from "./notification";
import { registerC2bUrls } from "./register-url";
import { simulateC2bPayment } from "./simulate";
import { acceptC2bValidation, rejectC2bValidation } from "./validation-response";

/**
 * C2B over HTTP against the simulator: URL registration (sandbox and production rules), a customer
 * paying the paybill or till directly with and without external validation (accept, reject,
 * timeout → ResponseType), the sandbox simulate API, and STK payments echoed as confirmations.
 * Every body that arrives is read with the gateway's own parser.
 */
const TILL = "5544332";
const PAYER = "254712345126";
const silent = pino({ level: "silent" });

let sim: RunningSimulator;
let production: RunningSimulator;
let receiver: NotificationReceiver;
let api: DarajaApi;

const urls = () => ({ confirmationUrl: `${receiver.url}/c2b/confirm`, validationUrl: `${receiver.url}/c2b/validate` });
const notification = (body: string): C2bNotification => {
  const parsed = parseC2bNotification(body);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.notification;
};
async function pay(body: Record<string, unknown>) {
  const res = await fetch(`${sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const setValidation = (shortcode: string, enabled: boolean) =>
  fetch(`${sim.url}/__sim/c2b/validation`, { method: "POST", body: JSON.stringify({ shortcode, enabled }) });

beforeAll(async () => {
  receiver = await startNotificationReceiver();
  const shortcodes = [{ shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY, tills: [TILL] }];
  sim = await startSimulator({ port: 0, seed: "c2b", callbackDelayMs: 20, validationTimeoutMs: 300, shortcodes });
  production = await startSimulator({ port: 0, seed: "c2b-prod", environment: "production" });
  api = createDarajaApi(simulatorConfig(sim), { logger: silent });
});

afterEach(async () => {
  await sim.reset();
  receiver.received.length = 0;
});

afterAll(async () => {
  await Promise.all([sim.close(), production.close(), receiver.close()]);
});

describe("registerC2bUrls", () => {
  it("registers in the sandbox, again and again, with the 00000000 success code", async () => {
    for (let i = 0; i < 2; i++) {
      const result = await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType: "Completed", ...urls() });
      expect(result).toMatchObject({ kind: "registered", responseCode: "00000000", responseDescription: "Success" });
    }
  });

  it("registers once per shortcode in production; the second answer is already_registered", async () => {
    const prodApi = createDarajaApi(simulatorConfig(production), { logger: silent });
    expect(await registerC2bUrls(prodApi, { shortCode: SANDBOX_SHORTCODE, responseType: "Cancelled", ...urls() })).toMatchObject({ kind: "registered" });
    const again = await registerC2bUrls(prodApi, { shortCode: SANDBOX_SHORTCODE, responseType: "Cancelled", ...urls() });
    expect(again).toMatchObject({ kind: "already_registered", error: { errorCode: "500.003.1001", errorMessage: "Urls are already registered" } });
  });

  it("refuses bad input before calling Daraja, and reports Daraja's own refusals", async () => {
    expect(await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType: "Completed", confirmationUrl: `${receiver.url}/mpesa/confirm`, validationUrl: `${receiver.url}/v` }))
      .toMatchObject({ kind: "rejected", error: { field: "confirmationUrl", message: expect.stringContaining("M-PESA") } });
    expect(await registerC2bUrls(api, { shortCode: "12", responseType: "Completed", ...urls() })).toMatchObject({ kind: "rejected", error: { field: "shortCode" } });
    expect(await registerC2bUrls(api, { shortCode: "999999", responseType: "Completed", ...urls() }))
      .toMatchObject({ kind: "rejected", error: { errorCode: "400.002.02", field: "ShortCode", kind: "configuration" } });
  });
});

describe("a customer pays the paybill directly", () => {
  it("without validation: the money moves and the confirmation carries a masked number, never a full one", async () => {
    await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType: "Completed", ...urls() });
    const paid = await pay({ shortcode: SANDBOX_SHORTCODE, amount: 1500, billRefNumber: "INV00042", msisdn: PAYER });
    expect(paid).toMatchObject({ status: 200, body: { status: "completed", decidedBy: "no-validation", validation: null } });
    const [confirmation] = await receiver.waitFor("/c2b/confirm");
    expect(receiver.on("/c2b/validate")).toHaveLength(0);
    expect(confirmation!.body).not.toContain(PAYER);
    const n = notification(confirmation!.body);
    expect(n).toMatchObject({ receipt: paid.body.receipt, transactionType: "Pay Bill", channel: "paybill", amountMinor: 150000, businessShortCode: SANDBOX_SHORTCODE,
      billRefNumber: "INV00042", orgAccountBalanceMinor: 150000, msisdn: { kind: "masked", prefix: "2547", suffix: "126" } });
    expect(n.lastName).toBeNull();
    expect(msisdnMatches(n.msisdn!, PAYER)).toBe(true);
    expect(sim.transactions().map((t) => [t.receipt, t.kind, t.amount])).toEqual([[paid.body.receipt, "c2b", 1500]]);
  });

  it("with validation accepting: asked first, ThirdPartyTransID echoed in the confirmation", async () => {
    await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType: "Cancelled", ...urls() });
    await setValidation(SANDBOX_SHORTCODE, true);
    receiver.answer("/c2b/validate", { body: acceptC2bValidation({ thirdPartyTransId: "ORD-42" }) });
    const paid = await pay({ shortcode: SANDBOX_SHORTCODE, amount: 250, billRefNumber: "ORD-42", msisdn: PAYER });
    expect(paid.body).toMatchObject({ status: "completed", decidedBy: "validation", resultCode: "0" });
    const [validation] = receiver.on("/c2b/validate");
    expect(notification(validation!.body)).toMatchObject({ orgAccountBalanceMinor: null, billRefNumber: "ORD-42" });
    const [confirmation] = await receiver.waitFor("/c2b/confirm");
    expect(notification(confirmation!.body)).toMatchObject({ thirdPartyTransId: "ORD-42", receipt: paid.body.receipt });
  });

  it("with validation rejecting: nothing moves and no confirmation comes", async () => {
    await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType: "Completed", ...urls() });
    await setValidation(SANDBOX_SHORTCODE, true);
    receiver.answer("/c2b/validate", { body: rejectC2bValidation("invalid_account_number") });
    const rejected = await pay({ shortcode: SANDBOX_SHORTCODE, amount: 250, billRefNumber: "NOPE", msisdn: PAYER });
    expect(rejected.body).toMatchObject({ status: "rejected", decidedBy: "validation", resultCode: "C2B00012" });
    expect(sim.transactions()).toEqual([]);
    // A later accepted payment's confirmation is the only one that ever arrives.
    receiver.answer("/c2b/validate", { body: acceptC2bValidation() });
    const accepted = await pay({ shortcode: SANDBOX_SHORTCODE, amount: 250, billRefNumber: "YES", msisdn: PAYER });
    const confirmations = await receiver.waitFor("/c2b/confirm");
    expect(confirmations.map((c) => notification(c.body).receipt)).toEqual([accepted.body.receipt]);
    expect(sim.transactions().map((t) => t.receipt)).toEqual([accepted.body.receipt]);
  });

  it.each([
    ["Completed", "completed", 1],
    ["Cancelled", "rejected", 0],
  ] as const)("a validation URL too slow to answer lets ResponseType %s decide", async (responseType, status, confirmations) => {
    await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType, ...urls() });
    await setValidation(SANDBOX_SHORTCODE, true);
    receiver.answer("/c2b/validate", { delayMs: 1500, body: rejectC2bValidation("other") });
    const paid = await pay({ shortcode: SANDBOX_SHORTCODE, amount: 99, billRefNumber: "SLOW", msisdn: PAYER });
    expect(paid.body).toMatchObject({ status, decidedBy: "response-type", resultCode: responseType, validation: { status: null, error: expect.stringContaining("Timeout") } });
    if (confirmations) await receiver.waitFor("/c2b/confirm");
    expect(sim.transactions()).toHaveLength(confirmations);
  });

  it("a v1 registration sends the number's SHA-256 and pays a till without an account number", async () => {
    await registerC2bUrls(api, { shortCode: TILL, responseType: "Completed", ...urls(), version: "v1" });
    const paid = await pay({ shortcode: TILL, amount: 40, billRefNumber: "ignored", msisdn: PAYER });
    const [confirmation] = await receiver.waitFor("/c2b/confirm");
    const n = notification(confirmation!.body);
    expect(n).toMatchObject({ receipt: paid.body.receipt, transactionType: null, billRefNumber: null, businessShortCode: TILL, msisdn: { kind: "hashed", sha256: sha256Hex(PAYER) } });
    expect(msisdnMatches(n.msisdn!, PAYER)).toBe(true);
    expect(sim.transactions()[0]).toMatchObject({ shortcode: SANDBOX_SHORTCODE, paidTo: TILL, channel: "till" });
  });

  it("without registered URLs the payment still happens: only the ledger knows", async () => {
    const paid = await pay({ shortcode: SANDBOX_SHORTCODE, amount: 10, billRefNumber: "X", msisdn: PAYER });
    expect(paid.body.status).toBe("completed");
    expect(receiver.received).toEqual([]);
    expect(sim.transactions()).toHaveLength(1);
  });

  it("refuses what no customer could do, changing nothing", async () => {
    for (const body of [{ shortcode: "999999", amount: 10, msisdn: PAYER }, { shortcode: SANDBOX_SHORTCODE, amount: 1.5, msisdn: PAYER },
      { shortcode: SANDBOX_SHORTCODE, amount: 10, msisdn: "0712345126" }, { shortcode: SANDBOX_SHORTCODE, amount: 10, msisdn: PAYER, billRefNumber: "x".repeat(21) }]) {
      expect((await pay(body)).status).toBe(400);
    }
    const res = await fetch(`${sim.url}/__sim/c2b/pay`, { method: "POST", body: "not json" });
    expect(res.status).toBe(400);
    expect(sim.transactions()).toEqual([]);
  });

  it("from the phone page's pay form", async () => {
    await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType: "Completed", ...urls() });
    const form = new URLSearchParams({ shortcode: SANDBOX_SHORTCODE, account: "INV7", amount: "70" });
    const res = await fetch(`${sim.url}/phone/${PAYER}/pay`, { method: "POST", body: form, redirect: "manual" });
    expect(res.status).toBe(303);
    const [confirmation] = await receiver.waitFor("/c2b/confirm");
    expect(notification(confirmation!.body)).toMatchObject({ amountMinor: 7000, billRefNumber: "INV7" });
    const page = await (await fetch(`${sim.url}/phone/${PAYER}`)).text();
    expect(page).toContain(`Paid · receipt ${notification(confirmation!.body).receipt}`);
    const bad = await fetch(`${sim.url}/phone/${PAYER}/pay`, { method: "POST", body: new URLSearchParams({ shortcode: "1", amount: "x" }) });
    expect(bad.status).toBe(400);
  });
});

describe("simulateC2bPayment (sandbox only)", () => {
  it("makes a test customer pay; the confirmation follows", async () => {
    await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType: "Completed", ...urls() });
    const result = await simulateC2bPayment(api, { shortCode: SANDBOX_SHORTCODE, commandId: "CustomerPayBillOnline", amount: 5, msisdn: "0708374149", billRefNumber: "SIM1" });
    expect(result).toMatchObject({ kind: "accepted", responseDescription: "Accept the service request successfully." });
    const [confirmation] = await receiver.waitFor("/c2b/confirm");
    expect(notification(confirmation!.body)).toMatchObject({ amountMinor: 500, billRefNumber: "SIM1" });
  });

  it("a till needs CustomerBuyGoodsOnline; production has no simulate at all", async () => {
    expect(await simulateC2bPayment(api, { shortCode: TILL, commandId: "CustomerPayBillOnline", amount: 5, msisdn: "254708374149" }))
      .toMatchObject({ kind: "rejected", error: { field: "CommandID" } });
    const prodApi = createDarajaApi(simulatorConfig(production), { logger: silent });
    expect(await simulateC2bPayment(prodApi, { shortCode: SANDBOX_SHORTCODE, commandId: "CustomerPayBillOnline", amount: 5, msisdn: "254708374149" }))
      .toMatchObject({ kind: "rejected", error: { errorCode: "404.001.01" } });
  });
});

describe("an STK payment", () => {
  it("also fires the C2B confirmation once URLs are registered, under the same receipt", async () => {
    await registerC2bUrls(api, { shortCode: SANDBOX_SHORTCODE, responseType: "Completed", ...urls() });
    const stk = createDarajaClient(simulatorConfig(sim), { logger: silent });
    const push = await stk.stkPush({ amount: 300, phone: "254708374149", accountReference: "INV9", callbackUrl: `${receiver.url}/stk` });
    expect(push.kind).toBe("accepted");
    const [confirmation] = await receiver.waitFor("/c2b/confirm");
    const [callback] = await receiver.waitFor("/stk");
    const receipt = (callback!.json as { Body: { stkCallback: { CallbackMetadata: { Item: { Name: string; Value?: unknown }[] } } } })
      .Body.stkCallback.CallbackMetadata.Item.find((i) => i.Name === "MpesaReceiptNumber")?.Value;
    expect(notification(confirmation!.body)).toMatchObject({ receipt, amountMinor: 30000, billRefNumber: "INV9", transactionType: "Pay Bill" });
    await waitUntil(() => (sim.transactions().length === 1 ? true : null));
    expect(sim.transactions()[0]).toMatchObject({ kind: "stk", receipt });
  });
});
