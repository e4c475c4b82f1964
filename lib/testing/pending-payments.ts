import { createHash } from "node:crypto";
import { createCallbackToken } from "@/lib/rails/callback-token";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { insertFirstAttempts } from "@/lib/testing/attempt-fixtures";

/** A PENDING payment written straight to the database, with the path and body of its success callback. */
export interface PendingPayment {
  id: string;
  callbackPath: string;
  successBody: string;
}

/**
 * `count` PENDING payments of a new storefront in one statement, as if Daraja had accepted each
 * push, expiring in an hour so no sweep touches them during a test.
 */
export async function insertPendingPayments(db: PrismaClient, { count, tag, callbackSecret }: { count: number; tag: string; callbackSecret: string }): Promise<PendingPayment[]> {
  const storefront = await db.storefront.create({ data: { id: createId("sf"), name: `Load ${tag}` } });
  // Receipt numbers are unique across payments (a reused one sends a payment to REVIEW): one prefix per tag.
  const receiptPrefix = `R${createHash("sha256").update(tag).digest("hex").slice(0, 4).toUpperCase()}`;
  const payments = Array.from({ length: count }, (_, i) => {
    const id = `pay_${tag}${String(i).padStart(6, "0")}`;
    const checkout = `ws_CO_${tag}_${i}`;
    const body = JSON.stringify({
      Body: { stkCallback: {
        MerchantRequestID: `mr-${checkout}`, CheckoutRequestID: checkout, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
        CallbackMetadata: { Item: [
          { Name: "Amount", Value: 10 }, { Name: "MpesaReceiptNumber", Value: `${receiptPrefix}${String(i).padStart(5, "0")}` },
          { Name: "Balance" }, { Name: "TransactionDate", Value: 20261129101500 }, { Name: "PhoneNumber", Value: 254708374149 },
        ] },
      } },
    });
    return { id, checkout, callbackPath: `/api/callbacks/stk/${createCallbackToken(id, callbackSecret, "TEST")}`, successBody: body };
  });
  await db.$executeRawUnsafe(
    `INSERT INTO payments (id, storefront_id, mode, status, amount, phone, reference, checkout_request_id, merchant_request_id, accepted_at, expires_at, updated_at)
     SELECT p.id, $1, 'TEST', 'PENDING', 10, '254708374149', 'LOAD', p.checkout, 'mr-' || p.checkout, now(), now() + interval '1 hour', now()
       FROM unnest($2::text[], $3::text[]) AS p(id, checkout)`,
    storefront.id, payments.map((p) => p.id), payments.map((p) => p.checkout),
  );
  await insertFirstAttempts(db, payments.map((p) => p.id));
  return payments.map(({ id, callbackPath, successBody }) => ({ id, callbackPath, successBody }));
}

/**
 * What happened to a set of payments, summed so one `toEqual` shows any departure from "each
 * succeeded once, from one callback applied once".
 */
export async function settlementReport(db: PrismaClient, paymentIds: string[]) {
  const [statuses, outcomes, successes, attempts] = await Promise.all([
    db.payment.groupBy({ by: ["status"], where: { id: { in: paymentIds } }, _count: true }),
    db.callbackLog.groupBy({ by: ["outcome"], where: { paymentId: { in: paymentIds } }, _count: true }),
    db.paymentEvent.groupBy({ by: ["paymentId"], where: { paymentId: { in: paymentIds }, toStatus: "SUCCEEDED" }, _count: true }),
    db.callbackLog.aggregate({ where: { paymentId: { in: paymentIds } }, _max: { attempts: true }, _min: { attempts: true } }),
  ]);
  const perPayment = successes.map((s) => s._count);
  return {
    statuses: Object.fromEntries(statuses.map((s) => [s.status, s._count])),
    callbackOutcomes: Object.fromEntries(outcomes.map((o) => [o.outcome, o._count])),
    paymentsWithASuccessTransition: successes.length,
    mostSuccessTransitionsOfOnePayment: Math.max(0, ...perPayment),
    callbackAttempts: { min: attempts._min.attempts, max: attempts._max.attempts },
  };
}

/** Sends `count` requests with at most `parallel` in flight; resolves with every result in order. */
export async function inBatches<T>(count: number, parallel: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let i = next++; i < count; i = next++) results[i] = await send(i);
  }));
  return results;
}
