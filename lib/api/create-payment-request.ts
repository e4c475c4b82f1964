import type { ApiAuth } from "@/lib/storefronts/authenticate-api-key";
import { runIdempotent, type StoredResponse } from "@/lib/api/idempotency";
import { creationResponse, paymentResponse } from "@/lib/api/payment-responses";
import { requestFingerprint } from "@/lib/api/request-fingerprint";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/logger";
import { startPayment } from "@/lib/charges/start-payment";
import { railForNewPayment } from "@/lib/collection-accounts/payment-rail";
import type { CreatePaymentInput } from "@/lib/api/payment-schemas";

export interface CreatePaymentRequest {
  auth: ApiAuth;
  /** The body as sent: its canonical form is the idempotency fingerprint. */
  rawBody: unknown;
  input: CreatePaymentInput;
  idempotencyKey: string | null;
  env: Env;
  logger: Logger;
}

const PATH = "/api/v1/payments";

/** Runs POST /api/v1/payments once per Idempotency-Key; without a key, every request pushes. */
export async function createPaymentRequest(db: PrismaClient, request: CreatePaymentRequest): Promise<{ response: StoredResponse; replayed: boolean }> {
  const { auth, env, input, logger } = request;
  // Routing refuses (422) before anything is stored or sent; the rail writes the number its way.
  const { rail, accountId, phone, currency, timeoutMs } = await railForNewPayment(db, env, {
    storefrontId: auth.storefrontId, mode: auth.mode, phone: input.phone, amount: input.amount,
    accountId: input.collection_account, rail: input.rail, currency: input.currency,
  });
  const run = async (idempotencyKeyId?: string) =>
    creationResponse(await startPayment(db, {
      storefrontId: auth.storefrontId, mode: auth.mode, input: { ...input, phone }, currency, rail, collectionAccountId: accountId, idempotencyKeyId, logger, expirySeconds: env.payments.expirySeconds,
      reconcileAfterSeconds: env.payments.reconcileAfterSeconds,
    }));
  if (!request.idempotencyKey) return { response: await run(), replayed: false };

  // The first request may spend a token fetch and a push, each up to the Daraja timeout.
  const firstRequestMaxMs = 2 * timeoutMs + 5_000;
  return runIdempotent(
    db,
    { storefrontId: auth.storefrontId, mode: auth.mode, key: request.idempotencyKey, requestPath: `POST ${PATH}`,
      fingerprint: requestFingerprint("POST", PATH, request.rawBody) },
    run,
    {
      waitMs: firstRequestMaxMs,
      abandonedAfterMs: firstRequestMaxMs,
      recover: async (paymentId) => paymentResponse(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })),
    },
  );
}
