import { getCheckoutSessionOrThrow, returnSecretOf } from "@/lib/checkout/get-checkout-session";
import { linkCheckoutPayment } from "@/lib/checkout/pay-checkout";
import { serializeCheckoutSession, type PublicCheckoutSession } from "@/lib/checkout/public-checkout-session";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { withApiKey } from "@/lib/http/with-api-key";

export const dynamic = "force-dynamic";

export type GetCheckoutSessionResponse = PublicCheckoutSession;

// GET /api/v1/checkout/sessions/{id} – one checkout session of the key's storefront and mode, with its payment's id
export const GET = withApiKey<{ id: string }>("checkout_sessions.get", async (_req, { auth, db, env, params }) => {
  const where = { id: params.id, storefrontId: auth.storefrontId, mode: auth.mode };
  let session = await getCheckoutSessionOrThrow(db, where);
  if (!session.paymentId && (await linkCheckoutPayment(db, session))) session = await getCheckoutSessionOrThrow(db, where);
  const body: GetCheckoutSessionResponse = serializeCheckoutSession(session, { publicUrl: env.publicUrl, returnSecret: returnSecretOf(session, env.secrets.data), now: new Date() });
  return Response.json(body);
});

// POST, PUT, PATCH, DELETE /api/v1/checkout/sessions/{id} – not supported
export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
