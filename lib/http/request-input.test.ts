import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/http/parse-input";
import { readJsonObject } from "@/lib/http/read-json-object";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { canonicalJson, requestFingerprint } from "@/lib/api/request-fingerprint";
import { AppError } from "@/lib/errors";
import { createPaymentSchema, listPaymentsQuerySchema } from "@/lib/api/payment-schemas";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) => new Request("http://x/", { method: "POST", body, headers });
const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("did not throw");
};
const asyncErrorOf = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
};

describe("readLimitedBody", () => {
  it("keeps a body within the cap whole", async () => {
    expect(await readLimitedBody(post("héllo"), 10)).toEqual({ text: "héllo", bytes: 6, truncated: false });
    expect(await readLimitedBody(new Request("http://x/"), 10)).toEqual({ text: "", bytes: 0, truncated: false });
  });

  it("stops at the cap, however much the sender streams", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull(controller) { pulled++; controller.enqueue(new Uint8Array(1024).fill(65)); } });
    const body = await readLimitedBody(new Request("http://x/", { method: "POST", body: endless, duplex: "half" } as RequestInit), 4000);
    expect(body).toEqual({ text: "A".repeat(4000), bytes: 4000, truncated: true });
    expect(pulled).toBeLessThan(10);
  });

  it("turns NUL bytes into U+FFFD, which PostgreSQL text accepts", async () => {
    expect((await readLimitedBody(post(new Uint8Array([65, 0, 66])), 10)).text).toBe("A\uFFFDB");
  });
});

describe("readJsonObject", () => {
  it("answers bad JSON, an empty body, a non-object and an oversized body with their codes", async () => {
    expect((await asyncErrorOf(readJsonObject(post("{nope")))).code).toBe("invalid_json");
    expect((await asyncErrorOf(readJsonObject(post("")))).code).toBe("invalid_json");
    expect((await asyncErrorOf(readJsonObject(post("[1,2]")))).code).toBe("invalid_request");
    expect(await readJsonObject(post('{"a":1}', { "content-type": "application/x-www-form-urlencoded" }))).toEqual({ a: 1 });
    expect((await asyncErrorOf(readJsonObject(post(JSON.stringify({ a: "x".repeat(100) })), 50))).code).toBe("payload_too_large");
    expect(await readJsonObject(post('{"a":1}', { "content-type": "application/json; charset=utf-8" }))).toEqual({ a: 1 });
  });
});

describe("createPaymentSchema via parseInput", () => {
  const valid = { amount: 100, phone: "0712 345 678", reference: "INV-42" };

  // The phone is normalised by the rail its country chooses (route-payment.test.ts), not here.
  it("keeps the phone as text and accepts optional fields", () => {
    expect(parseInput(createPaymentSchema, { ...valid, description: null, metadata: { order: 42, vip: true, note: "x" } })).toEqual({
      amount: 100, phone: "0712 345 678", reference: "INV-42", description: undefined, metadata: { order: 42, vip: true, note: "x" },
      collection_account: undefined, rail: undefined, currency: undefined,
    });
    expect(parseInput(createPaymentSchema, { ...valid, phone: 254112345678 }).phone).toBe("254112345678");
    expect(parseInput(createPaymentSchema, { ...valid, rail: "vodacom_c2b", currency: "tzs" })).toMatchObject({ rail: "vodacom_c2b", currency: "TZS" });
  });

  it("names the offending field in param", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, amount: 10.5 }, "amount"],
      [{ ...valid, amount: "100" }, "amount"],
      [{ ...valid, amount: 0 }, "amount"],
      [{ ...valid, phone: "" }, "phone"],
      [{ amount: 1, reference: "x" }, "phone"],
      [{ ...valid, reference: "THIRTEEN-CHAR" }, "reference"],
      [{ ...valid, description: "fourteen chars" }, "description"],
      [{ ...valid, metadata: { nested: { a: 1 } } }, "metadata.nested"],
      [{ ...valid, metadata: { "bad key": 1 } }, "metadata.bad key"],
      [{ ...valid, metadata: { x: "\u0000" } }, "metadata.x"],
      [{ ...valid, metadata: { x: "y".repeat(501) } }, "metadata.x"],
      [{ ...valid, metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }, "metadata"],
      [{ ...valid, metadata: [1] }, "metadata"],
      [{ ...valid, currency: "US" }, "currency"],
      [{ ...valid, currency: 404 }, "currency"],
      [{ ...valid, rail: "mtn_momo" }, "rail"],
    ];
    for (const [input, param] of cases) {
      const error = errorOf(() => parseInput(createPaymentSchema, input));
      expect({ code: error.code, param: error.param, status: error.status }).toEqual({ code: "validation_failed", param, status: 422 });
      expect(error.message.length).toBeGreaterThan(5);
    }
  });
});

describe("listPaymentsQuerySchema", () => {
  it("reads filters, date aliases and limits", () => {
    const q = parseInput(listPaymentsQuerySchema, { status: "pending", "created[gte]": "2026-01-01", created_from: "1767312000", created_to: "2026-02-01T00:00:00Z", limit: "5" });
    expect(q).toMatchObject({ status: "pending", limit: 5, createdGte: new Date(1767312000 * 1000), createdLte: new Date("2026-02-01T00:00:00Z") });
    expect(parseInput(listPaymentsQuerySchema, {}).limit).toBe(20);
    expect(errorOf(() => parseInput(listPaymentsQuerySchema, { limit: "101" })).param).toBe("limit");
    expect(errorOf(() => parseInput(listPaymentsQuerySchema, { status: "PAID" })).param).toBe("status");
    expect(errorOf(() => parseInput(listPaymentsQuerySchema, { "created[gte]": "yesterday" })).param).toBe("created[gte]");
    expect(errorOf(() => parseInput(listPaymentsQuerySchema, { page: "2" })).param).toBe("page");
  });
});

describe("requestFingerprint", () => {
  it("ignores key order but not values, method or path", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const a = requestFingerprint("POST", "/p", { amount: 1, phone: "x" });
    expect(requestFingerprint("post", "/p", { phone: "x", amount: 1 })).toBe(a);
    expect(requestFingerprint("POST", "/p", { phone: "x", amount: 2 })).not.toBe(a);
    expect(requestFingerprint("POST", "/q", { phone: "x", amount: 1 })).not.toBe(a);
  });
});
