import { describe, expect, it } from "vitest";
import { describeApi } from "@/lib/api-reference/describe-api";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

// The real document: the page must keep reading what the builder produces.
const api = describeApi(buildOpenApiDocument({ serverUrl: "https://pay.example.co.ke" }));
const op = (id: string) => api.operations.find((o) => o.id === id)!;

describe("describeApi", () => {
  it("keeps the server URL and lists every operation with its method and path", () => {
    expect(api.baseUrl).toBe("https://pay.example.co.ke");
    expect(api.operations.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(["POST /api/v1/payments", "GET /api/v1/payments", "GET /api/v1/payments/{id}", "GET /api/v1/openapi.json"]));
  });

  it("resolves the create request's body and the Idempotency-Key parameter", () => {
    const create = op("createPayment");
    const body = Object.fromEntries(create.body!.rows.map((r) => [r.path, r.required]));
    expect(body).toMatchObject({ amount: true, phone: true, reference: true, description: false, metadata: false });
    expect(create.parameters).toEqual([expect.objectContaining({ name: "Idempotency-Key", location: "header", required: false })]);
    expect(create.authenticated).toBe(true);
    expect(op("getOpenApiDocument").authenticated).toBe(false);
  });

  it("gives every response its body fields, headers and error codes", () => {
    const create = op("createPayment");
    const created = create.responses.find((r) => r.status === "201")!;
    expect(created).toMatchObject({ success: true, schemaName: "Payment" });
    expect(created.rows.map((r) => r.path)).toEqual(expect.arrayContaining(["id", "status", "amount", "mpesa_receipt"]));
    expect(created.headers.map((h) => h.name)).toEqual(["Request-Id", "Idempotent-Replayed"]);
    const unavailable = create.responses.find((r) => r.status === "503")!;
    expect(unavailable).toMatchObject({ success: false, schemaName: "PaymentError", errorCodes: ["mpesa_unavailable", "service_unavailable"] });
    expect(unavailable.rows.map((r) => r.path)).toEqual(expect.arrayContaining(["error.code", "error.payment.status"]));
    const list = op("listPayments").responses.find((r) => r.status === "200")!;
    expect(list.rows.find((r) => r.path === "data[].id")).toMatchObject({ depth: 1 });
  });

  it("describes the error shape, the codes by status, and the webhooks", () => {
    expect(api.errorRows.filter((r) => r.required).map((r) => r.path)).toEqual(["error", "error.type", "error.code", "error.message"]);
    expect(api.errorCodes).toContainEqual({ code: "validation_failed", status: "422" });
    expect(api.webhooks.eventTypes).toContain("payment.succeeded");
    expect(api.webhooks.headers.map((h) => h.name)).toEqual(["Malipo-Signature", "Malipo-Event-Id"]);
    expect(api.webhooks.envelopeRows.map((r) => r.path)).toEqual(expect.arrayContaining(["id", "type", "livemode", "data.object.status"]));
    expect(api.webhooks.c2bRows.map((r) => r.path)).toEqual(expect.arrayContaining(["type", "data.object.receipt", "data.object.bill_ref_number", "data.object.payment_id"]));
  });
});
