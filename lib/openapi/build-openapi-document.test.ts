import { z } from "zod";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/errors";
import { API_OPERATIONS, RESPONSE_SCHEMAS } from "@/lib/openapi/api-operations";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";
import { checkOpenApiDocument } from "@/lib/testing/openapi-structure";
import { validateJsonSchema } from "@/lib/testing/json-schema-subset";
import { WEBHOOK_EVENT_TYPES } from "@/lib/payments/webhook-event-schema";

const doc = buildOpenApiDocument({ serverUrl: "https://pay.example.co.ke" });
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const paths = doc.paths as Json;
const schemas = (doc.components as Json).schemas as Json;

describe("the OpenAPI document", () => {
  it("is a well-formed OpenAPI 3.1 document whose every $ref resolves", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(checkOpenApiDocument(doc)).toEqual([]);
    expect(doc.servers).toEqual([{ url: "https://pay.example.co.ke" }]);
  });

  it("is caught by the structural check when broken", () => {
    const broken = structuredClone(doc) as Json;
    broken.openapi = "3.0.3";
    broken.paths["/api/v1/payments/{id}"].get.parameters = [];
    broken.paths["/api/v1/payments"].get.responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Nope" };
    broken.paths["/api/v1/payments"].post.security = [{ Cookie: [] }];
    const problems = checkOpenApiDocument(broken);
    expect(problems).toEqual(expect.arrayContaining([
      "openapi must be 3.1.x, is 3.0.3",
      "GET /api/v1/payments/{id}: {id} is not declared as a path parameter",
      "$ref #/components/schemas/Nope does not resolve",
      "POST /api/v1/payments: unknown security scheme Cookie",
    ]));
  });

  it("documents every operation with its error codes under the statuses lib/errors.ts gives them", () => {
    for (const op of API_OPERATIONS) {
      const operation = paths[op.path][op.method];
      expect(operation.operationId).toBe(op.operationId);
      for (const code of op.errors) {
        const response = operation.responses[String(ERROR_CODES[code].status)];
        expect(response?.["x-error-codes"], `${op.operationId} ${code}`).toContain(code);
      }
    }
    expect(paths["/api/v1/payments"].post.responses["402"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/PaymentError" });
    expect(paths["/api/v1/payments"].post.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
    expect(paths["/api/v1/openapi.json"].get.security).toEqual([]);
    expect(doc.security).toEqual([{ ApiKey: [] }]);
    expect((doc.components as Json).securitySchemes.ApiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("takes the request body from the route's schema as input, and the payment from its output", () => {
    expect(schemas.CreatePaymentRequest).toEqual(expect.objectContaining({ required: ["amount", "phone", "reference"], additionalProperties: false }));
    // Phone numbers may be sent as numbers: the input side of the transform.
    expect(schemas.CreatePaymentRequest.properties.phone.anyOf.map((s: Json) => s.type)).toEqual(["string", "integer"]);
    // Either rail through the same call: it may be named, and a currency stated must be the rail's.
    expect(JSON.stringify(schemas.CreatePaymentRequest.properties.rail)).toContain('"enum":["daraja_stk","vodacom_c2b"]');
    expect(JSON.stringify(schemas.CreatePaymentRequest.properties.currency)).toContain("^[A-Za-z]{3}$");
    expect(schemas.Payment.required).toContain("currency");
    const { $schema: _s, ...payment } = z.toJSONSchema(RESPONSE_SCHEMAS.Payment, { target: "draft-2020-12", io: "output" }) as Json;
    expect(schemas.Payment).toEqual(payment);
    expect(schemas.PaymentList.properties.data.items).toEqual({ $ref: "#/components/schemas/Payment" });
    const limit = paths["/api/v1/payments"].get.parameters.find((p: Json) => p.name === "limit");
    expect(limit).toMatchObject({ in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100 } });
  });

  it("describes each webhook event, signed, with its type fixed", () => {
    expect(Object.keys(doc.webhooks)).toEqual([...WEBHOOK_EVENT_TYPES]);
    const succeeded = (doc.webhooks as Json)["payment.succeeded"].post;
    expect(succeeded.parameters.map((p: Json) => p.name)).toEqual(["Malipo-Signature", "Malipo-Event-Id"]);
    const schema = succeeded.requestBody.content["application/json"].schema;
    const event = { id: "evt_1", type: "payment.succeeded", created: "2026-12-01T10:00:00.000Z", livemode: false, data: { object: samplePayment() } };
    expect(validateJsonSchema(schema, event, { root: doc, strict: true })).toEqual([]);
    expect(validateJsonSchema(schema, { ...event, type: "payment.failed" }, { root: doc, strict: true })).toEqual(["$.type: must be \"payment.succeeded\""]);
  });

  it("describes c2b.received with the C2B receipt as its object", () => {
    const schema = (doc.webhooks as Json)["c2b.received"].post.requestBody.content["application/json"].schema;
    const object = { object: "c2b_receipt", receipt: "UKT1ABCDEF", status: "unattached", amount: 420, currency: "KES", bill_ref_number: "INV-1X", msisdn: "2547****126",
      transaction_type: "Pay Bill", trans_time: "2026-12-01T07:15:00.000Z", collection_account_id: "acct_1", payment_id: null, mode: "test" };
    const event = { id: "evt_2", type: "c2b.received", created: "2026-12-01T10:00:00.000Z", livemode: false, data: { object } };
    expect(validateJsonSchema(schema, event, { root: doc, strict: true })).toEqual([]);
    expect(validateJsonSchema(schema, { ...event, data: { object: samplePayment() } }, { root: doc, strict: true })).not.toEqual([]);
  });
});

function samplePayment() {
  return {
    id: "pay_1", object: "payment", status: "succeeded", amount: 100, currency: "KES", amount_refunded: 0, refunded: false, phone: "254708374149", reference: "INV-1",
    description: null, metadata: {}, mode: "test", livemode: false, checkout_request_id: "ws_CO_1", merchant_request_id: "1-1",
    mpesa_receipt: "TCE3ABCDEF", result_code: "0", failure_code: null, failure_message: null, receipt_missing: false, late: false,
    created_at: "2026-12-01T10:00:00.000Z", accepted_at: "2026-12-01T10:00:01.000Z", completed_at: "2026-12-01T10:00:20.000Z", expires_at: "2026-12-01T10:15:00.000Z",
  };
}
