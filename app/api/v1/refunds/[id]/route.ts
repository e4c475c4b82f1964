import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { withApiKey } from "@/lib/http/with-api-key";
import { getRefundOrThrow } from "@/lib/refunds/list-refunds";
import { serializeRefund } from "@/lib/refunds/serialize-refund";

export const dynamic = "force-dynamic";

// GET /api/v1/refunds/{id} – one refund of the key's storefront and mode
export const GET = withApiKey<{ id: string }>("refunds.get", async (_req, { auth, db, params }) => {
  return Response.json(serializeRefund(await getRefundOrThrow(db, { id: params.id, storefrontId: auth.storefrontId, mode: auth.mode })));
});

// POST, PUT, PATCH, DELETE /api/v1/refunds/{id} – not supported
export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
