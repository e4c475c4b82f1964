import { runIdempotent, type StoredResponse } from "@/lib/api/idempotency";
import { requestFingerprint } from "@/lib/api/request-fingerprint";
import type { CreateRefundInput } from "@/lib/api/refund-schemas";
import type { ApiAuth } from "@/lib/storefronts/authenticate-api-key";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { requestRefund } from "@/lib/refunds/request-refund";
import { sendRefund } from "@/lib/refunds/send-refund";
import { serializeRefund } from "@/lib/refunds/serialize-refund";

const PATH = "/api/v1/refunds";

export interface CreateRefundRequest {
  auth: ApiAuth;
  input: CreateRefundInput;
  rawBody: unknown;
  idempotencyKey: string | null;
  env: Env;
}

/**
 * POST /api/v1/refunds, once per Idempotency-Key. A storefront's refund follows the dashboard's
 * rule: above REFUND_APPROVAL_THRESHOLD it waits (`requested`) for an admin; at or under it, it is
 * approved and sent at once. The answer is the refund as it stands (201).
 */
export async function createRefundRequest(db: PrismaClient, request: CreateRefundRequest): Promise<{ response: StoredResponse; replayed: boolean }> {
  const { auth, input, env } = request;
  const run = async (): Promise<StoredResponse> => {
    // The admin who issued the key answers for the request under four eyes (may not approve it).
    const actor = { id: null, keyIssuedById: auth.issuedById, email: `storefront ${auth.storefrontId}`, via: "api" as const };
    const { refund, approved } = await requestRefund(db, {
      paymentId: input.payment, amount: input.amount, reason: input.reason, actor, storefront: { id: auth.storefrontId, mode: auth.mode }, now: new Date(), env,
    });
    // Once asked for, the refund exists: if it cannot be sent now, it is answered as it stands (approved), not as an error.
    const current = approved ? await sendRefund(db, env, { refundId: refund.id, now: new Date() }).catch((error: unknown) => {
      if (error instanceof AppError) return refund;
      throw error;
    }) : refund;
    return { status: 201, body: serializeRefund(current) };
  };
  if (!request.idempotencyKey) return { response: await run(), replayed: false };
  return runIdempotent(
    db,
    { storefrontId: auth.storefrontId, mode: auth.mode, key: request.idempotencyKey, requestPath: `POST ${PATH}`, fingerprint: requestFingerprint("POST", PATH, request.rawBody) },
    run,
    {
      // A request and, under the threshold, one reversal or B2C call.
      waitMs: 2 * env.daraja.timeoutMs + 5_000,
      abandonedAfterMs: 2 * env.daraja.timeoutMs + 5_000,
      // A refund request links no payment to its key, so an abandoned one is never recovered: the key stays in use.
      recover: async () => { throw new AppError("idempotency_key_in_use", "The first request with this Idempotency-Key did not finish: use a new key.", { param: "Idempotency-Key" }); },
    },
  );
}
