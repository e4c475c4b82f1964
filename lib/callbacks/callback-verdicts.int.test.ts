import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";

/**
 * Callbacks that must not settle a payment the way they look: a lone metadata object (not what an
 * STK callback carries), a result code nobody knows, a success from another phone, fields holding
 * control characters. Through the HTTP route, the queue and the worker, on PostgreSQL.
 */

const ACK = { ResultCode: 0, ResultDesc: "Accepted" };
type Json = Record<string, unknown>;

describe("callbacks judged by what they say, not by how they look", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const webhookTypes = async (paymentId: string) => (await gw.db.webhookEvent.findMany({ where: { paymentId }, orderBy: { createdAt: "asc" } })).map((w) => w.type);
  // No callback of its own ever comes for this scenario: the test sends them.
  const pendingPayment = async (amount: number) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: scenarioPhone("pending-forever"), reference: "VERDICT" } });
    expect(res.status).toBe(201);
    return payment(String(res.body.id));
  };
  const stkCallback = (p: { checkoutRequestId: string | null; merchantRequestId: string | null }, fields: Json) => ({
    Body: { stkCallback: { MerchantRequestID: p.merchantRequestId, CheckoutRequestID: p.checkoutRequestId, ResultDesc: "The service request is processed successfully.", ...fields } },
  });
  const items = (amount: number, receipt: string, phone: number | string) => [
    { Name: "Amount", Value: amount }, { Name: "MpesaReceiptNumber", Value: receipt }, { Name: "Balance" },
    { Name: "TransactionDate", Value: 20261205101500 }, { Name: "PhoneNumber", Value: phone },
  ];
  /** POSTs to the payment's own callback URL; resolves with the stored callback once processed. */
  const deliver = async (paymentId: string, body: Json) => {
    const res = await rawRequest(`${gw.app.url}/api/callbacks/stk/${createCallbackToken(paymentId, gw.env.secrets.callback, "TEST")}`, {
      method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" },
    });
    expect([res.status, res.json]).toEqual([200, ACK]);
    return eventually(async () => {
      const log = await gw.db.callbackLog.findFirst({ where: { paymentId, outcome: { not: "RECEIVED" } }, orderBy: { id: "desc" } });
      return log;
    });
  };

  beforeAll(async () => {
    gw = await startGateway();
    shop = await gw.createStorefront("Verdicts");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("files a success whose CallbackMetadata.Item is a lone object as INVALID: KES 1 stays pending, not succeeded", async () => {
    for (const amount of [1, 250]) {
      const p = await pendingPayment(amount);
      const log = await deliver(p.id, stkCallback(p, { ResultCode: 0, CallbackMetadata: { Item: { Name: "Amount", Value: amount } } }));
      expect(log).toMatchObject({ outcome: "INVALID", error: "Body.stkCallback.CallbackMetadata.Item: must be an array of items" });
      expect(await payment(p.id)).toMatchObject({ status: "PENDING", receiptMissing: false, resultCode: null, reviewReason: null });
      expect(await webhookTypes(p.id)).toEqual([]);
    }
  });

  it("sends a result code nobody knows to REVIEW, never to FAILED", async () => {
    const p = await pendingPayment(120);
    const log = await deliver(p.id, stkCallback(p, { ResultCode: 4998, ResultDesc: "Something new" }));
    expect(log.outcome).toBe("APPLIED");
    expect(await payment(p.id)).toMatchObject({
      status: "REVIEW", resultCode: "4998", failureCode: null,
      reviewReason: "M-Pesa reported result code 4998, which Malipo does not recognise: check the M-Pesa statement",
    });
    expect(await webhookTypes(p.id)).toEqual(["payment.review"]);
  });

  it("sends a success from another phone to REVIEW, flagged, and settles one whose masked number agrees", async () => {
    const other = await pendingPayment(130);
    await deliver(other.id, stkCallback(other, { ResultCode: 0, CallbackMetadata: { Item: items(130, "UKT5PHONE1", 254711000222) } }));
    const reviewed = await payment(other.id);
    expect(reviewed).toMatchObject({
      status: "REVIEW", phoneMismatch: true, mpesaPhone: "254711000222", mpesaReceipt: "UKT5PHONE1",
      reviewReason: "M-Pesa reported the payment from 2547****222, not from 2547****011 the prompt was sent to",
    });
    const entry = await gw.db.paymentEvent.findFirstOrThrow({ where: { paymentId: other.id, type: "review" } });
    expect(entry.data).toMatchObject({ phoneCheck: "different" });
    expect(await webhookTypes(other.id)).toEqual(["payment.review"]);

    const masked = await pendingPayment(140);
    await deliver(masked.id, stkCallback(masked, { ResultCode: 0, CallbackMetadata: { Item: items(140, "UKT5PHONE2", "2547 ***** 011") } }));
    expect(await payment(masked.id)).toMatchObject({ status: "SUCCEEDED", phoneMismatch: false, mpesaReceipt: "UKT5PHONE2" });
    expect((await gw.db.paymentEvent.findFirstOrThrow({ where: { paymentId: masked.id, type: "succeed" } })).data).toMatchObject({ phoneCheck: "consistent" });
  });

  it("files a callback whose ids or text hold control characters as INVALID, stored and harmless", async () => {
    const p = await pendingPayment(150);
    const log = await deliver(p.id, stkCallback(p, { ResultCode: 0, ResultDesc: "ok\u0000", CallbackMetadata: { Item: items(150, "UKT5CTRL01", 254708000011) } }));
    expect(log).toMatchObject({ outcome: "INVALID", error: "Body.stkCallback.ResultDesc: must not contain control characters" });
    expect(await payment(p.id)).toMatchObject({ status: "PENDING", mpesaReceipt: null });
  });
});
