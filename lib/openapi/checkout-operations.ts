import { z } from "zod";
import type { ApiOperation } from "@/lib/openapi/api-operations";

/** The checkout sessions API's entries in the operations table (lib/openapi/api-operations.ts). */
export const CHECKOUT_OPERATIONS: ApiOperation[] = [
  {
    operationId: "createCheckoutSession",
    method: "post",
    path: "/api/v1/checkout/sessions",
    summary: "Create a hosted checkout session",
    description:
      "A Malipo page (`url`) where the customer enters their M-Pesa number and pays `amount`; send the customer there. " +
      "The session holds at most one payment (sending the prompt again is a new attempt of it, never a second payment). " +
      "When it ends the customer is sent to `return_url` (paid) or `cancel_url` (otherwise) with a signed result in " +
      "`malipo_*` query parameters: verify `malipo_signature` with the session's `return_secret` before trusting it, and " +
      "confirm by webhook or GET. Return URLs must be http(s) (https for live mode); `expires_at` is 1 minute to 24 hours away (default 30 minutes).",
    tag: "Checkout",
    authenticated: true,
    idempotencyKey: true,
    requestBody: "CreateCheckoutSessionRequest",
    success: { 201: { description: "The session; send the customer to its `url`.", body: "CheckoutSession", headers: ["Request-Id", "Idempotent-Replayed"] } },
    errors: ["unauthenticated", "rate_limited", "internal", "invalid_json", "invalid_request", "validation_failed", "idempotency_key_reused"],
  },
  {
    operationId: "getCheckoutSession",
    method: "get",
    path: "/api/v1/checkout/sessions/{id}",
    summary: "Retrieve a checkout session",
    description: "A session of another storefront or mode is answered 404 like one that does not exist. `payment` is the payment's id once the customer started one.",
    tag: "Checkout",
    authenticated: true,
    pathParams: z.object({ id: z.string().describe("The session's id, `cs_…`.") }),
    success: { 200: { description: "The session as it stands.", body: "CheckoutSession", headers: ["Request-Id"] } },
    errors: ["unauthenticated", "rate_limited", "internal", "not_found"],
  },
];
