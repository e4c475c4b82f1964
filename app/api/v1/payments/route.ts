import { createPaymentRequest } from "@/lib/api/create-payment-request";
import { readIdempotencyKey } from "@/lib/api/idempotency";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { parseInput } from "@/lib/http/parse-input";
import { jsonResponse } from "@/lib/api/payment-responses";
import { readJsonObject } from "@/lib/http/read-json-object";
import { withApiKey } from "@/lib/http/with-api-key";
import { listPayments } from "@/lib/payments/list-payments";
import { createPaymentSchema, listPaymentsQuerySchema, type PaymentList } from "@/lib/api/payment-schemas";
import type { PublicPayment } from "@/lib/payments/public-payment";
import { serializePayment } from "@/lib/payments/serialize-payment";

export const dynamic = "force-dynamic";

export type CreatePaymentResponse = PublicPayment;
export type ListPaymentsResponse = PaymentList;

// POST /api/v1/payments – charge a customer by STK push (Idempotency-Key recommended)
export const POST = withApiKey("payments.create", async (req, { auth, env, db, logger }) => {
  const body = await readJsonObject(req);
  const input = parseInput(createPaymentSchema, body);
  const idempotencyKey = readIdempotencyKey(req);
  const { response, replayed } = await createPaymentRequest(db, { auth, rawBody: body, input, idempotencyKey, env, logger });
  return jsonResponse(response, replayed ? { "Idempotent-Replayed": "true" } : {});
});

// GET /api/v1/payments – the storefront's payments, newest first, filtered and paginated
export const GET = withApiKey("payments.list", async (_req, { auth, db, searchParams }) => {
  const query = parseInput(listPaymentsQuerySchema, searchParams);
  const page = await listPayments(db, { ...query, storefrontId: auth.storefrontId, mode: auth.mode });
  const body: ListPaymentsResponse = { object: "list", data: page.data.map(serializePayment), has_more: page.hasMore };
  return Response.json(body);
});

// PUT, PATCH, DELETE /api/v1/payments – not supported
export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = PUT;
export const DELETE = PUT;
