import { z } from "zod";
import { listRefundsQuerySchema } from "@/lib/api/refund-schemas";
import type { ApiOperation } from "@/lib/openapi/api-operations";

/** The refunds API's entries in the operations table (lib/openapi/api-operations.ts). */
export const REFUND_OPERATIONS: ApiOperation[] = [
  {
    operationId: "createRefund",
    method: "post",
    path: "/api/v1/refunds",
    summary: "Refund a paid payment",
    description:
      "Gives a `succeeded` payment's money back. The whole payment (leave `amount` out, or give the payment's amount) goes by M-Pesa " +
      "Reversal of its receipt (`method: reversal`). A part (`amount` below what is still refundable, at least KES 10) goes by B2C to the " +
      "number that paid (`method: b2c`), when the payment's collection account has a B2C shortcode; otherwise it is refused (422). " +
      "Several parts may add up to what was paid, never more. Above the gateway's REFUND_APPROVAL_THRESHOLD (default 0: every refund) the refund is `requested` " +
      "until an admin approves it in the dashboard; at or under it, it is sent at once (`pending`). Follow it by the `refund.*` webhooks or GET. " +
      "A payment is never refunded beyond what was paid, concurrent requests included (409).",
    tag: "Refunds",
    authenticated: true,
    idempotencyKey: true,
    requestBody: "CreateRefundRequest",
    success: { 201: { description: "The refund as it stands: `requested` (awaiting approval), `pending` (sent), `approved` (under the threshold but not sendable now), or already `succeeded` or `failed` when M-Pesa answered at once.", body: "Refund", headers: ["Request-Id", "Idempotent-Replayed"] } },
    errors: ["unauthenticated", "rate_limited", "internal", "invalid_json", "invalid_request", "validation_failed", "payload_too_large", "not_found", "invalid_state",
      "idempotency_key_reused", "idempotency_key_in_use"],
  },
  {
    operationId: "listRefunds",
    method: "get",
    path: "/api/v1/refunds",
    summary: "List refunds, newest first",
    description: "Only the refunds of the API key's storefront and mode; `payment` narrows to one payment's. Page with `limit` and `starting_after`.",
    tag: "Refunds",
    authenticated: true,
    query: listRefundsQuerySchema,
    queryDescriptions: { payment: "Only this payment's refunds.", limit: "Page size, 1 to 100.", starting_after: "The id of the last refund of the previous page." },
    success: { 200: { description: "A page of refunds.", body: "RefundList", headers: ["Request-Id"] } },
    errors: ["unauthenticated", "rate_limited", "internal", "validation_failed", "invalid_request"],
  },
  {
    operationId: "getRefund",
    method: "get",
    path: "/api/v1/refunds/{id}",
    summary: "Retrieve a refund",
    description: "A refund of another storefront or of the other mode is answered 404, exactly like one that does not exist.",
    tag: "Refunds",
    authenticated: true,
    pathParams: z.object({ id: z.string().describe("The refund's id, `re_…`.") }),
    success: { 200: { description: "The refund as it stands.", body: "Refund", headers: ["Request-Id"] } },
    errors: ["unauthenticated", "rate_limited", "internal", "not_found"],
  },
];
