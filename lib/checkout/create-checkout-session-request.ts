import { runIdempotent, type StoredResponse } from "@/lib/api/idempotency";
import { requestFingerprint } from "@/lib/api/request-fingerprint";
import { createCheckoutSession } from "@/lib/checkout/create-checkout-session";
import { getCheckoutSessionOrThrow, returnSecretOf } from "@/lib/checkout/get-checkout-session";
import { serializeCheckoutSession } from "@/lib/checkout/public-checkout-session";
import type { CreateCheckoutSessionInput } from "@/lib/checkout/schemas";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ApiAuth } from "@/lib/storefronts/authenticate-api-key";

const PATH = "/api/v1/checkout/sessions";

/**
 * POST /api/v1/checkout/sessions, once per Idempotency-Key (the same rules as payments). The stored
 * answer holds the session's id only, never its return secret: every answer, a replay too, is the
 * session read again as it stands.
 */
export async function createCheckoutSessionRequest(
  db: PrismaClient,
  request: { auth: ApiAuth; rawBody: unknown; input: CreateCheckoutSessionInput; idempotencyKey: string | null; env: Env; now: Date },
): Promise<{ response: StoredResponse; replayed: boolean }> {
  const { auth, env, now } = request;
  const { response, replayed } = await createOnce(db, request);
  const { id } = response.body as { id: string };
  const session = await getCheckoutSessionOrThrow(db, { id, storefrontId: auth.storefrontId, mode: auth.mode });
  const body = serializeCheckoutSession(session, { publicUrl: env.publicUrl, returnSecret: returnSecretOf(session, env.secrets.data), now });
  return { response: { status: response.status, body }, replayed };
}

async function createOnce(
  db: PrismaClient,
  request: { auth: ApiAuth; rawBody: unknown; input: CreateCheckoutSessionInput; idempotencyKey: string | null; env: Env; now: Date },
): Promise<{ response: StoredResponse; replayed: boolean }> {
  const { auth, input, env, now } = request;
  const run = async (): Promise<StoredResponse> => {
    const { session } = await createCheckoutSession(db, {
      storefrontId: auth.storefrontId, mode: auth.mode, amount: input.amount, reference: input.reference, description: input.description,
      returnUrl: input.return_url, cancelUrl: input.cancel_url ?? null, phone: input.phone,
      expiresAt: input.expires_at === undefined ? undefined : new Date(input.expires_at * 1000),
    }, { dataSecret: env.secrets.data, now });
    return { status: 201, body: { id: session.id } };
  };
  if (!request.idempotencyKey) return { response: await run(), replayed: false };
  return runIdempotent(
    db,
    { storefrontId: auth.storefrontId, mode: auth.mode, key: request.idempotencyKey, requestPath: `POST ${PATH}`, fingerprint: requestFingerprint("POST", PATH, request.rawBody) },
    run,
    // A session is one insert: a claim left without an answer is answered as still in use until it expires.
    { waitMs: 5_000, abandonedAfterMs: 60_000, recover: async () => { throw new AppError("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed."); } },
  );
}
