import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { pollStatusQuery } from "@/lib/api/poll-status-query";
import { withApiKey } from "@/lib/http/with-api-key";
import { getPaymentOrThrow } from "@/lib/payments/get-payment-or-throw";
import type { PublicPayment } from "@/lib/payments/public-payment";
import { serializePayment } from "@/lib/payments/serialize-payment";

export const dynamic = "force-dynamic";

export type GetPaymentResponse = PublicPayment;

// GET /api/v1/payments/{id} – one payment of the key's storefront and mode (a stale pending one gets a status query)
export const GET = withApiKey<{ id: string }>("payments.get", async (_req, { auth, db, env, logger, params }) => {
  const payment = await getPaymentOrThrow(db, { id: params.id, storefrontId: auth.storefrontId, mode: auth.mode });
  await pollStatusQuery(db, env, payment, logger);
  const body: GetPaymentResponse = serializePayment(payment);
  return Response.json(body);
});

// POST, PUT, PATCH, DELETE /api/v1/payments/{id} – not supported
export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
