import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { createPayment } from "@/lib/payments/create-payment";
import type { Rail } from "@/lib/rails/rail";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { pushConversationId } from "./conversation-id";
import { scenarioMsisdn } from "./simulator/scenarios";
import type { RunningVodacomSimulator } from "./simulator/server";
import { railFor, startResultListener, startTestSimulator, type ResultListener } from "./simulator/test-support";

/**
 * The asynchronous form through the rail: the push is taken at once (PENDING, with our
 * conversation id and Vodacom's stored), and the result Vodacom posts later reads into an
 * observation that names exactly those ids, so the callback path can match it to the payment.
 */
describe("the Vodacom C2B rail in the asynchronous form", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let listener: ResultListener;
  let sim: RunningVodacomSimulator;
  let rail: Rail;
  let storefrontId: string;
  let n = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 2);
    storefrontId = (await db.storefront.create({ data: { id: createId("sf"), name: "Duka la async" } })).id;
    listener = await startResultListener();
    sim = await startTestSimulator({ responseMode: "async", resultUrl: listener.url });
    rail = railFor(sim, { responseMode: "async" });
  });
  afterAll(async () => {
    await sim?.close();
    await listener?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  const charge = (scenario: string) =>
    createPayment(db, { storefrontId, mode: "TEST", input: { amount: 1200, phone: scenarioMsisdn(scenario), reference: `AS-${++n}`, description: "Mchele" }, rail, expirySeconds: 900 });
  const postedFor = async (paymentId: string) => {
    await listener.waitFor(pushConversationId(paymentId), 5000);
    return listener.received.find((r) => r.parsed.ok && r.parsed.result.thirdPartyConversationId === pushConversationId(paymentId))!.body;
  };

  it("a success: PENDING at once, then a result with the receipt that matches the stored ids", async () => {
    const { kind, payment } = await charge("success");
    expect(kind).toBe("accepted");
    expect(payment).toMatchObject({ status: "PENDING", checkoutRequestId: pushConversationId(payment.id), merchantRequestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const read = rail.readCallback(await postedFor(payment.id), { callbackLogId: 1n });
    const record = sim.transactions().find((t) => t.thirdPartyConversationId === payment.checkoutRequestId);
    expect(read).toEqual({
      ok: true,
      match: { checkoutRequestId: payment.checkoutRequestId, merchantRequestId: payment.merchantRequestId },
      observation: expect.objectContaining({ result: "succeeded", resultCode: "INS-0", receipt: record?.transactionId, source: "callback", evidence: { callbackLogId: 1n } }),
    });
  });

  it("a cancellation and a decline arrive as final results; the INS-1 that hides a success settles nothing", async () => {
    const cancelled = await charge("cancelled");
    expect(rail.readCallback(await postedFor(cancelled.payment.id), {})).toMatchObject({ ok: true, observation: { result: "cancelled", failureCode: "cancelled_by_customer" } });
    const declined = await charge("insufficient-balance");
    expect(rail.readCallback(await postedFor(declined.payment.id), {})).toMatchObject({ ok: true, observation: { result: "failed", failureCode: "insufficient_funds" } });
    const hidden = await charge("ins1-but-paid");
    expect(rail.readCallback(await postedFor(hidden.payment.id), {})).toEqual({ ok: false, reason: "result INS-1 is not a final result" });
    // The status query tells the truth the posted result hid.
    expect(await rail.askStatus(hidden.payment.checkoutRequestId!)).toMatchObject({ kind: "final", observation: { result: "succeeded" } });
  });
});
