import { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import { CHECKOUT_OPERATIONS } from "@/lib/openapi/checkout-operations";
import { EVENT_OPERATIONS } from "@/lib/openapi/event-operations";
import { REFUND_OPERATIONS } from "@/lib/openapi/refund-operations";
import { createRefundSchema, refundListSchema } from "@/lib/api/refund-schemas";
import { publicRefundSchema } from "@/lib/payments/public-refund";
import { publicCheckoutSessionSchema } from "@/lib/checkout/public-checkout-session";
import { createCheckoutSessionSchema } from "@/lib/checkout/schemas";
import { eventListSchema, eventSchema } from "@/lib/events/schemas";
import { apiErrorSchema, paymentErrorSchema } from "@/lib/openapi/error-schemas";
import { createPaymentSchema, listPaymentsQuerySchema, paymentListSchema } from "@/lib/api/payment-schemas";
import { publicPaymentSchema } from "@/lib/payments/public-payment";
import { c2bReceivedEventSchema, paymentEventSchema, refundEventSchema } from "@/lib/payments/webhook-event-schema";

/**
 * The storefront API as data: each operation names the zod schemas its route parses and answers
 * with (the routes' own, imported, never redefined) and the error codes it can produce. The OpenAPI
 * document is built from this table and the contract test checks the real routes against it.
 */

/** Schemas of answers, converted as their output. */
export const RESPONSE_SCHEMAS = {
  Payment: publicPaymentSchema,
  PaymentList: paymentListSchema,
  Error: apiErrorSchema,
  PaymentError: paymentErrorSchema,
  PaymentEvent: paymentEventSchema,
  C2bReceivedEvent: c2bReceivedEventSchema,
  RefundEvent: refundEventSchema,
  Refund: publicRefundSchema,
  RefundList: refundListSchema,
  Event: eventSchema,
  EventList: eventListSchema,
  CheckoutSession: publicCheckoutSessionSchema,
} as const;

/** Schemas of requests, converted as their input (before transforms). */
export const REQUEST_SCHEMAS = {
  CreatePaymentRequest: createPaymentSchema,
  CreateCheckoutSessionRequest: createCheckoutSessionSchema,
  CreateRefundRequest: createRefundSchema,
} as const;

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;
export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;
export type ResponseHeaderName = "Request-Id" | "Idempotent-Replayed" | "Retry-After" | "WWW-Authenticate";

export interface SuccessResponse {
  description: string;
  body: ResponseSchemaName | "OpenApiDocument";
  headers?: ResponseHeaderName[];
}

export interface ApiOperation {
  operationId: string;
  method: "get" | "post";
  /** OpenAPI path template: /api/v1/payments/{id}. */
  path: string;
  summary: string;
  description?: string;
  tag: "Payments" | "Refunds" | "Checkout" | "Events" | "Meta";
  /** false for public documents (the OpenAPI document itself). */
  authenticated: boolean;
  pathParams?: z.ZodObject;
  query?: z.ZodType;
  /** Words for query parameters whose schema says too little on its own. */
  queryDescriptions?: Record<string, string>;
  idempotencyKey?: boolean;
  requestBody?: RequestSchemaName;
  success: Record<number, SuccessResponse>;
  /** Every error code the operation can answer with; statuses come from lib/errors.ts. */
  errors: ErrorCode[];
}

// Any authenticated call can meet these.
const AUTHENTICATED_ERRORS: ErrorCode[] = ["unauthenticated", "rate_limited", "internal"];

export const API_OPERATIONS: ApiOperation[] = [
  {
    operationId: "createPayment",
    method: "post",
    path: "/api/v1/payments",
    summary: "Charge a customer by M-Pesa (Kenya: Daraja STK push; Tanzania: Vodacom OpenAPI C2B)",
    description:
      "Chooses the rail first: `collection_account` or `rail` if given, otherwise the phone number's country among the " +
      "storefront's enabled accounts of the key's mode (`254…` and Kenyan formats → Daraja STK push in KES, `255…` and " +
      "Tanzanian formats → Vodacom M-Pesa Tanzania in TZS; a local `07…` number goes to Kenya when the storefront has it, so " +
      "send `+255…`, `rail` or `currency: \"TZS\"` for Tanzania). The payment's `currency` is its account's; a `currency` sent " +
      "must agree. A number whose country has no rail on the storefront, a fractional amount or an unknown currency is " +
      "answered 422 `validation_failed` naming the field, and nothing is stored or sent. " +
      "Then writes the payment and asks M-Pesa to show the payment prompt on the customer's phone. 201: the prompt was sent; " +
      "the payment is `pending` until the customer answers (follow it by webhook or GET). 202: M-Pesa did not answer in time, " +
      "so the prompt may or may not be on the phone; the payment stays `initiating` until a callback, a status query or its " +
      "deadline settles it. Do not retry a 202 with a new Idempotency-Key: that could charge twice.",
    tag: "Payments",
    authenticated: true,
    idempotencyKey: true,
    requestBody: "CreatePaymentRequest",
    success: {
      201: { description: "The push was accepted; the payment is usually `pending`.", body: "Payment", headers: ["Request-Id", "Idempotent-Replayed"] },
      202: { description: "The push's outcome is unknown; the payment stays `initiating` until it is settled.", body: "Payment", headers: ["Request-Id", "Idempotent-Replayed"] },
    },
    errors: [...AUTHENTICATED_ERRORS, "invalid_json", "invalid_request", "validation_failed", "payload_too_large",
      "idempotency_key_reused", "idempotency_key_in_use", "mpesa_rejected", "mpesa_unavailable", "service_unavailable"],
  },
  {
    operationId: "listPayments",
    method: "get",
    path: "/api/v1/payments",
    summary: "List payments, newest first",
    description: "Only the payments of the API key's storefront and mode. Page with `limit` and `starting_after` (the last id of the previous page).",
    tag: "Payments",
    authenticated: true,
    query: listPaymentsQuerySchema,
    queryDescriptions: {
      status: "Only payments in this state.",
      "created[gte]": "Created at or after this instant: ISO 8601 or Unix seconds. Likewise created[gt], created[lte], created[lt].",
      created_from: "Same as created[gte], for clients that cannot send brackets.",
      created_to: "Same as created[lte].",
      reference: "Only payments with exactly this account reference.",
      limit: "Page size, 1 to 100.",
      starting_after: "The id of the last payment of the previous page.",
    },
    success: { 200: { description: "A page of payments.", body: "PaymentList", headers: ["Request-Id"] } },
    errors: [...AUTHENTICATED_ERRORS, "validation_failed", "invalid_request"],
  },
  {
    operationId: "getPayment",
    method: "get",
    path: "/api/v1/payments/{id}",
    summary: "Retrieve a payment",
    description:
      "A payment of another storefront or of the other mode is answered 404, exactly like one that does not exist. " +
      "Polling a `pending` payment whose last status check is older than the gateway's POLL_QUERY_MIN_INTERVAL_SECONDS " +
      "(30 s by default) asks Malipo to query M-Pesa for it soon (rate-limited); the answer is the payment as it stands, " +
      "and a later poll (or the webhook) shows the outcome. Poll every few seconds at most; webhooks are better.",
    tag: "Payments",
    authenticated: true,
    pathParams: z.object({ id: z.string().describe("The payment's id, `pay_…`.") }),
    success: { 200: { description: "The payment as it stands.", body: "Payment", headers: ["Request-Id"] } },
    errors: [...AUTHENTICATED_ERRORS, "not_found"],
  },
  ...REFUND_OPERATIONS,
  ...CHECKOUT_OPERATIONS,
  ...EVENT_OPERATIONS,
  {
    operationId: "getOpenApiDocument",
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This document",
    tag: "Meta",
    authenticated: false,
    success: { 200: { description: "The OpenAPI 3.1 description of this API.", body: "OpenApiDocument", headers: ["Request-Id"] } },
    errors: ["internal"],
  },
];
