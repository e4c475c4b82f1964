import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { processStkCallback } from "@/lib/callbacks/process-stk-callback";
import { createPrisma } from "@/lib/db/client";
import type { PaymentStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { classifyResultCode } from "@/lib/rails/daraja/result-codes";
import { decide, type PaymentFacts } from "@/lib/payments/decide";
import { callbackObservation } from "@/lib/testing/observations";
import { applyEvent, FINAL_STATUSES, PAYMENT_EVENTS, TRANSITIONS, type PaymentEventName } from "@/lib/payments/state";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { insertFirstAttempts } from "@/lib/testing/attempt-fixtures";

/**
 * Property: any sequence of callbacks for one payment (any result codes, duplicates, any order,
 * processed one by one or all at once) leaves it in a state the table allows, with at most one
 * transition into a final state besides REVIEW, one storefront event per such transition, and
 * every callback accounted for. Run on PostgreSQL through the real processing code.
 */

const SECRET = "property-test-callback-secret-0123456789";
const AMOUNT = 100;

interface GeneratedCallback {
  code: string;
  amount: number;
  receipt: string;
}

const callbackArb = fc.record({
  code: fc.constantFrom("0", "0", "0", "1", "17", "1019", "1032", "1031", "1037", "2001", "SFC_IC0003", "424242"),
  amount: fc.constantFrom(AMOUNT, AMOUNT, AMOUNT, AMOUNT - 1),
  receipt: fc.constantFrom("A", "B"),
});
const sequenceArb = fc
  .tuple(fc.array(callbackArb, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom<PaymentStatus>("PENDING", "INITIATING"))
  .map(([callbacks, repeats, start]) => {
    const sequence = [...callbacks];
    for (const r of repeats) sequence.splice(r % (sequence.length + 1), 0, callbacks[r % callbacks.length]!);
    return { sequence, start };
  });

describe("any sequence of callbacks for one payment (property, on PostgreSQL)", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let run = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 10);
    await db.storefront.create({ data: { id: "sf_prop", name: "Property" } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  /** Creates the payment and one stored callback per element; returns their ids. */
  async function setUp(sequence: GeneratedCallback[], start: PaymentStatus) {
    run++;
    const paymentId = `pay_prop${String(run).padStart(16, "0")}`;
    const checkout = `ws_CO_PROP${run}`;
    const merchant = `m-prop-${run}`;
    await db.payment.create({
      data: { id: paymentId, storefrontId: "sf_prop", mode: "TEST", status: start, amount: AMOUNT, phone: "254712345678", reference: "PROP",
        expiresAt: new Date(Date.now() + 900_000), ...(start === "PENDING" ? { checkoutRequestId: checkout, merchantRequestId: merchant } : {}) },
    });
    await insertFirstAttempts(db, [paymentId]);
    const token = createCallbackToken(paymentId, SECRET, "TEST");
    const logIds: bigint[] = [];
    for (const cb of sequence) {
      const body = { Body: { stkCallback: {
        MerchantRequestID: merchant, CheckoutRequestID: checkout, ResultCode: Number.isNaN(Number(cb.code)) ? cb.code : Number(cb.code), ResultDesc: "x",
        ...(cb.code === "0" ? { CallbackMetadata: { Item: [{ Name: "Amount", Value: cb.amount }, { Name: "MpesaReceiptNumber", Value: `R${run}X${cb.receipt}` }] } } : {}),
      } } };
      const log = await db.callbackLog.create({ data: { token, body: JSON.stringify(body), headers: {}, sourceIp: "127.0.0.1", ipAllowed: true, tokenValid: true } });
      logIds.push(log.id);
    }
    return { paymentId, logIds };
  }

  const process = (callbackLogId: bigint) => processStkCallback(db, { callbackLogId, callbackSecret: SECRET, unmatchedRetrySeconds: 0, finalAttempt: true });

  async function checkInvariants(paymentId: string, logIds: bigint[]) {
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const events = await db.paymentEvent.findMany({ where: { paymentId }, orderBy: { id: "asc" } });
    const transitions = events.filter((e) => e.toStatus !== null);
    for (const t of transitions) {
      const event = t.type as PaymentEventName;
      expect(PAYMENT_EVENTS).toContain(event);
      expect(TRANSITIONS[event].from).toContain(t.fromStatus);
      expect(applyEvent(t.fromStatus!, event, t.toStatus!)).toBe(t.toStatus);
    }
    expect(transitions.filter((t) => FINAL_STATUSES.includes(t.toStatus!)).length).toBeLessThanOrEqual(1);
    expect(transitions.at(-1)?.toStatus ?? payment.status).toBe(payment.status);
    expect(await db.webhookEvent.count({ where: { paymentId } })).toBe(transitions.length);
    const logs = await db.callbackLog.findMany({ where: { id: { in: logIds } } });
    expect(logs.every((l) => l.outcome !== "RECEIVED" && l.paymentId === paymentId)).toBe(true);
    expect(logs.filter((l) => l.outcome === "APPLIED").length).toBe(transitions.length);
    return payment;
  }

  it("processed in order, ends exactly where the pure decision rules say", async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb, async ({ sequence, start }) => {
        const { paymentId, logIds } = await setUp(sequence, start);
        for (const id of logIds) await process(id);
        const payment = await checkInvariants(paymentId, logIds);

        let model: PaymentFacts = { status: start, amount: AMOUNT, phone: "254712345678", mpesaReceipt: null, resultCode: null };
        for (const cb of sequence) {
          const outcome = classifyResultCode(cb.code).outcome as "succeeded" | "failed" | "cancelled" | "unknown";
          const receipt = cb.code === "0" ? `R${run}X${cb.receipt}` : undefined;
          const action = decide(model, callbackObservation({ resultCode: cb.code, outcome, amount: cb.code === "0" ? cb.amount : undefined, receipt }));
          if (action.kind === "succeed" || action.kind === "fail" || action.kind === "cancel" || action.kind === "review") {
            const keepsFields = action.kind === "review" && model.status === "SUCCEEDED";
            model = {
              ...model,
              status: applyEvent(model.status, action.kind)!,
              resultCode: keepsFields ? model.resultCode : cb.code,
              mpesaReceipt: keepsFields || model.mpesaReceipt ? model.mpesaReceipt : (receipt ?? null),
            };
          }
        }
        expect({ status: payment.status, resultCode: payment.resultCode }).toEqual({ status: model.status, resultCode: model.resultCode });
        // Running every job again changes nothing: each callback is already processed.
        const eventsBefore = await db.paymentEvent.count({ where: { paymentId } });
        for (const id of logIds) expect(await process(id)).toMatchObject({ alreadyProcessed: true });
        expect(await db.paymentEvent.count({ where: { paymentId } })).toBe(eventsBefore);
        expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe(payment.status);
      }),
      { numRuns: 25 },
    );
  });

  it("processed all at once (and some twice), still ends in an allowed state with at most one final transition", async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb, async ({ sequence, start }) => {
        const { paymentId, logIds } = await setUp(sequence, start);
        // Each job may also be delivered twice: the second run must find the row already processed.
        await Promise.all([...logIds, ...logIds.slice(0, 3)].map((id) => process(id)));
        const payment = await checkInvariants(paymentId, logIds);
        const sawSuccess = sequence.some((cb) => cb.code === "0" && cb.amount === AMOUNT);
        if (payment.status === "SUCCEEDED") expect(sawSuccess).toBe(true);
        // Without a success it ends failed or cancelled, or in REVIEW when a code nobody knows came first.
        if (sequence.every((cb) => cb.code !== "0")) {
          expect(sequence.some((cb) => !classifyResultCode(cb.code).known) ? ["FAILED", "CANCELLED", "REVIEW"] : ["FAILED", "CANCELLED"]).toContain(payment.status);
        }
      }),
      { numRuns: 15 },
    );
  });
});
