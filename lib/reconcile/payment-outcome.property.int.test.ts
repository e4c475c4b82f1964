import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { processStkCallback } from "@/lib/callbacks/process-stk-callback";
import type { PaymentEventName } from "@/lib/payments/state";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import type { StkQueryResult } from "@/lib/rails/daraja/client";
import { classifyResultCode } from "@/lib/rails/daraja/result-codes";
import { recordRailAnswer } from "@/lib/reconcile/record-rail-answer";
import { stkQueryAnswer } from "@/lib/rails/daraja/stk-query-answer";
import { expireOverdueBatch } from "@/lib/payments/expire-overdue-payments";
import { reconcileSettings } from "@/lib/reconcile/reconcile-settings";
import { startGateway, type Gateway } from "@/lib/testing/gateway";
import { AMOUNT, applyOp, historyProblems, initialState, opSequenceArb, type ModelTransition, type PaymentOp } from "@/lib/testing/payment-model";
import { insertFirstAttempts } from "@/lib/testing/attempt-fixtures";

/**
 * Property, on PostgreSQL through the real code: any interleaving of callbacks (processStkCallback),
 * status query answers (recordRailAnswer, including the last one at the deadline) and the expiry
 * sweep (expireOverdueBatch) for one payment ends in a state the transition table allows, with at
 * most one transition into a final state apart from REVIEW and the late success; one storefront event
 * per transition and per late receipt. Applied in order, it ends exactly where the pure model says;
 * applied all at once (with some operations twice), the invariants still hold.
 */

const STOREFRONT = "sf_outcomes";
// Far enough ahead that only the operations that mean "at the deadline" are past it.
const DEADLINE_MS = 10 * 60_000;

describe("any interleaving of callbacks, query answers and expiry for one payment (property, on PostgreSQL)", () => {
  let gw: Gateway;
  let run = 0;

  beforeAll(async () => {
    // The database, settings and job queue of a gateway; no worker: scheduled jobs just wait.
    gw = await startGateway({ jobs: [] });
    await gw.db.storefront.create({ data: { id: STOREFRONT, name: "Outcomes" } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function setUp(start: PaymentStatus) {
    run++;
    const id = `pay_outcome${String(run).padStart(12, "0")}`;
    const expiresAt = new Date(Date.now() + DEADLINE_MS);
    const ids = { checkoutRequestId: `ws_CO_OUT${run}`, merchantRequestId: `m-out-${run}` };
    await gw.db.payment.create({
      data: { id, storefrontId: STOREFRONT, mode: "TEST", status: start, amount: AMOUNT, phone: "254712345678", reference: "OUT", expiresAt,
        ...(start === "PENDING" ? { ...ids, acceptedAt: new Date(), nextQueryAt: expiresAt } : {}) },
    });
    await insertFirstAttempts(gw.db, [id]);
    return { id, ids, expiresAt, receiptOf: (r: string) => `R${run}X${r}` };
  }

  /** Runs one operation through the code that handles it in production. */
  async function perform(payment: Awaited<ReturnType<typeof setUp>>, op: PaymentOp): Promise<void> {
    const afterDeadline = new Date(payment.expiresAt.getTime() + 1000);
    switch (op.kind) {
      case "callback": {
        const body = { Body: { stkCallback: {
          ...{ MerchantRequestID: payment.ids.merchantRequestId, CheckoutRequestID: payment.ids.checkoutRequestId },
          ResultCode: Number.isNaN(Number(op.code)) ? op.code : Number(op.code), ResultDesc: "x",
          ...(op.code === "0" ? { CallbackMetadata: { Item: [{ Name: "Amount", Value: op.amount }, { Name: "MpesaReceiptNumber", Value: payment.receiptOf(op.receipt) }] } } : {}),
        } } };
        const log = await gw.db.callbackLog.create({
          data: { token: createCallbackToken(payment.id, gw.env.secrets.callback, "TEST"), body: JSON.stringify(body), headers: {}, sourceIp: "127.0.0.1", ipAllowed: true, tokenValid: true },
        });
        await processStkCallback(gw.db, { callbackLogId: log.id, callbackSecret: gw.env.secrets.callback, unmatchedRetrySeconds: 0, finalAttempt: true });
        return;
      }
      case "query":
      case "pending":
      case "last_query": {
        const answer: StkQueryResult = op.kind === "query"
          ? { kind: "final", resultCode: op.code, resultDesc: "x", classification: classifyResultCode(op.code), ...payment.ids }
          : { kind: "pending", reason: "The customer has not answered the prompt yet" };
        await recordRailAnswer(gw.db, { paymentId: payment.id, answer: stkQueryAnswer(answer), source: "query", schedule: reconcileSettings(gw.env), now: op.kind === "last_query" ? afterDeadline : new Date() });
        return;
      }
      case "expire":
        await expireOverdueBatch(gw.db, { now: afterDeadline, batchSize: 50, lastQuery: false });
        return;
    }
  }

  async function history(paymentId: string) {
    const events = await gw.db.paymentEvent.findMany({ where: { paymentId }, orderBy: { id: "asc" } });
    const transitions: ModelTransition[] = events.filter((e) => e.toStatus !== null).map((e) => ({ event: e.type as PaymentEventName, from: e.fromStatus!, to: e.toStatus! }));
    const payment = await gw.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(historyProblems(transitions)).toEqual([]);
    expect(transitions.at(-1)?.to ?? payment.status).toBe(payment.status);
    const fills = events.filter((e) => e.type === "receipt_filled").length;
    const hooks = await gw.db.webhookEvent.findMany({ where: { paymentId }, select: { type: true } });
    expect(hooks.length).toBe(transitions.length + fills);
    expect(hooks.filter((h) => h.type === "payment.updated").length).toBe(fills);
    // Flagged late exactly when a success overrode an expiry.
    expect(payment.late).toBe(transitions.some((t) => t.from === "EXPIRED" && t.to === "SUCCEEDED"));
    return { payment, transitions, events };
  }

  it("applied in order, ends exactly where the pure rules say", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<PaymentStatus>("PENDING", "INITIATING"), opSequenceArb, async (start, ops) => {
        // INITIATING payments have no CheckoutRequestID: nothing can query them.
        const sequence = start === "INITIATING" ? ops.filter((op) => op.kind === "callback" || op.kind === "expire") : ops;
        const payment = await setUp(start);
        for (const op of sequence) await perform(payment, op);
        const { payment: row, transitions } = await history(payment.id);
        const model = sequence.reduce((state, op) => applyOp(state, op, payment.receiptOf), initialState(start));
        expect(transitions).toEqual(model.transitions);
        expect({ status: row.status, resultCode: row.resultCode, receipt: row.mpesaReceipt })
          .toEqual({ status: model.facts.status, resultCode: model.facts.resultCode, receipt: model.facts.mpesaReceipt });
        if (row.status === "SUCCEEDED") expect(row.receiptMissing).toBe(row.mpesaReceipt === null);
        // Every query answered is on the timeline.
        const queries = sequence.filter((op) => op.kind === "query" || op.kind === "pending" || op.kind === "last_query").length;
        expect(row.queryCount).toBe(queries);
      }),
      { numRuns: 30 },
    );
  });

  it("applied all at once, some operations twice, still keeps every invariant", async () => {
    await fc.assert(
      fc.asyncProperty(opSequenceArb, async (ops) => {
        const payment = await setUp("PENDING");
        await Promise.all([...ops, ...ops.slice(0, 2)].map((op) => perform(payment, op)));
        const { payment: row } = await history(payment.id);
        if (row.status === "SUCCEEDED") {
          expect(ops.some((op) => (op.kind === "callback" && op.code === "0" && op.amount === AMOUNT) || (op.kind === "query" && op.code === "0"))).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
  });
});
