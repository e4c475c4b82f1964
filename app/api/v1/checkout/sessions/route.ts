import { createCheckoutSessionRequest } from "@/lib/checkout/create-checkout-session-request";
import { readIdempotencyKey } from "@/lib/api/idempotency";
import { jsonResponse } from "@/lib/api/payment-responses";
import type { PublicCheckoutSession } from "@/lib/checkout/public-checkout-session";
import { createCheckoutSessionSchema } from "@/lib/checkout/schemas";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { parseInput } from "@/lib/http/parse-input";
import { readJsonObject } from "@/lib/http/read-json-object";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export type CreateCheckoutSessionResponse = PublicCheckoutSession;

// POST /api/v1/checkout/sessions – a hosted checkout page for the customer (Idempotency-Key recommended)
export const POST = withApiKey("checkout_sessions.create", async (req, { auth, env, db }) => {
  const body = await readJsonObject(req);
  const input = parseInput(createCheckoutSessionSchema, body);
  const { response, replayed } = await createCheckoutSessionRequest(db, { auth, rawBody: body, input, idempotencyKey: readIdempotencyKey(req), env, now: new Date() });
  return jsonResponse(response, replayed ? { "Idempotent-Replayed": "true" } : {});
});

// GET, PUT, PATCH, DELETE /api/v1/checkout/sessions – not supported
export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
