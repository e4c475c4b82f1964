import { createId } from "@/lib/ids";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { createApiKey } from "@/lib/storefronts/create-api-key";
import { BENCH_CALLBACK_SECRET } from "./stack";
import { insertFirstAttempts } from "@/lib/testing/attempt-fixtures";

/** A storefront with a test-mode API key, for the API scenarios. */
export async function createBenchStorefront(db: PrismaClient): Promise<{ storefrontId: string; apiKey: string }> {
  const storefront = await db.storefront.create({ data: { id: createId("sf"), name: `Bench ${Date.now()}` } });
  const { secret } = await createApiKey(db, { storefrontId: storefront.id, mode: "TEST", name: "bench" });
  return { storefrontId: storefront.id, apiKey: secret };
}

export interface PendingPayment {
  id: string;
  checkoutRequestId: string;
  callbackPath: string;
}

/** `count` PENDING payments inserted in one statement, each with its callback path. */
export async function insertPendingPayments(db: PrismaClient, storefrontId: string, count: number, tag: string): Promise<PendingPayment[]> {
  const payments = Array.from({ length: count }, (_, i) => {
    const id = `pay_bench${tag}${String(i).padStart(8, "0")}`;
    return { id, checkoutRequestId: `ws_CO_bench_${tag}_${i}`, callbackPath: `/api/callbacks/stk/${createCallbackToken(id, BENCH_CALLBACK_SECRET, "TEST")}` };
  });
  await db.$executeRawUnsafe(
    `INSERT INTO payments (id, storefront_id, mode, status, amount, phone, reference, checkout_request_id, merchant_request_id, accepted_at, expires_at, updated_at)
     SELECT p.id, $1, 'TEST', 'PENDING', 10, '254708374149', 'BENCH', p.checkout, 'bench-' || p.checkout, now(), now() + interval '1 hour', now()
       FROM unnest($2::text[], $3::text[]) AS p(id, checkout)`,
    storefrontId, payments.map((p) => p.id), payments.map((p) => p.checkoutRequestId),
  );
  await insertFirstAttempts(db, payments.map((p) => p.id));
  return payments;
}

/** A success callback body for the n-th payment of a set: "{{n}}" is filled in by the load generator. */
export function successCallbackTemplate(tag: string): string {
  return JSON.stringify({
    Body: {
      stkCallback: {
        MerchantRequestID: `bench-ws_CO_bench_${tag}_{{n}}`,
        CheckoutRequestID: `ws_CO_bench_${tag}_{{n}}`,
        ResultCode: 0,
        ResultDesc: "The service request is processed successfully.",
        CallbackMetadata: { Item: [
          { Name: "Amount", Value: 10 },
          { Name: "MpesaReceiptNumber", Value: `BN${tag.toUpperCase().slice(0, 2)}{{n}}` },
          { Name: "Balance" },
          { Name: "TransactionDate", Value: 20261129101500 },
          { Name: "PhoneNumber", Value: 254708374149 },
        ] },
      },
    },
  });
}
