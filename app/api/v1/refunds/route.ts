import { createRefundRequest } from "@/lib/api/create-refund-request";
import { readIdempotencyKey } from "@/lib/api/idempotency";
import { createRefundSchema, listRefundsQuerySchema, type RefundList } from "@/lib/api/refund-schemas";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { parseInput } from "@/lib/http/parse-input";
import { readJsonObject } from "@/lib/http/read-json-object";
import { withApiKey } from "@/lib/http/with-api-key";
import { listRefunds } from "@/lib/refunds/list-refunds";
import { serializeRefund } from "@/lib/refunds/serialize-refund";

export const dynamic = "force-dynamic";

// POST /api/v1/refunds – refund a paid payment (Idempotency-Key recommended); above the approval threshold an admin approves it
export const POST = withApiKey("refunds.create", async (req, { auth, env, db }) => {
  const body = await readJsonObject(req);
  const input = parseInput(createRefundSchema, body);
  const { response, replayed } = await createRefundRequest(db, { auth, input, rawBody: body, idempotencyKey: readIdempotencyKey(req), env });
  return Response.json(response.body, { status: response.status, headers: replayed ? { "Idempotent-Replayed": "true" } : {} });
});

// GET /api/v1/refunds – the storefront's refunds, newest first, optionally of one payment
export const GET = withApiKey("refunds.list", async (_req, { auth, db, searchParams }) => {
  const query = parseInput(listRefundsQuerySchema, searchParams);
  const page = await listRefunds(db, { storefrontId: auth.storefrontId, mode: auth.mode, paymentId: query.payment, limit: query.limit, startingAfter: query.starting_after });
  const body: RefundList = { object: "list", data: page.data.map(serializeRefund), has_more: page.hasMore };
  return Response.json(body);
});

// PUT, PATCH, DELETE /api/v1/refunds – not supported
export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = PUT;
export const DELETE = PUT;
