import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStkCallback } from "./callback";

// Bodies in the captured shapes of FACTS.md §4, kept as text so `1.00` stays exactly as Daraja writes it.
const SUCCESS = `{
  "Body": {
    "stkCallback": {
      "MerchantRequestID": "29115-34620561-1",
      "CheckoutRequestID": "ws_CO_191220191020363925",
      "ResultCode": 0,
      "ResultDesc": "The service request is processed successfully.",
      "CallbackMetadata": {
        "Item": [
          { "Name": "Amount", "Value": 1.00 },
          { "Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV" },
          { "Name": "Balance" },
          { "Name": "TransactionDate", "Value": 20191219102115 },
          { "Name": "PhoneNumber", "Value": 254708374149 }
        ]
      }
    }
  }
}`;

const CANCELLED = `{
  "Body": {
    "stkCallback": {
      "MerchantRequestID": "f1e2-4b95-a71d-b30d3cdbb7a7942864",
      "CheckoutRequestID": "ws_CO_21072024125243250722943992",
      "ResultCode": 1032,
      "ResultDesc": "Request cancelled by user"
    }
  }
}`;

const OPERATOR_MISSING = `{"Body":{"stkCallback":{"MerchantRequestID":"7588-31800016-1","CheckoutRequestID":"ws_CO_270920212128259339","ResultCode":"SFC_IC0003","ResultDesc":"The operator does not exist."}}}`;

// The 2026 capture and the current official sample: Amount 1, four items, no Balance.
const SUCCESS_2026 = {
  Body: {
    stkCallback: {
      MerchantRequestID: "ac7b-470b-8df7-23ab3cef38271071873",
      CheckoutRequestID: "ws_CO_230920262019337708374149",
      ResultCode: 0,
      ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: {
        Item: [
          { Name: "Amount", Value: 1 },
          { Name: "MpesaReceiptNumber", Value: "UI9N4XJ2QZ" },
          { Name: "TransactionDate", Value: 20260923201945 },
          { Name: "PhoneNumber", Value: 254708374149 },
        ],
      },
    },
  },
};

function ok(body: unknown) {
  const result = parseStkCallback(body);
  if (!result.ok) throw new Error(`expected a parsed callback, got: ${result.reason}`);
  return result.callback;
}

describe("parseStkCallback", () => {
  it("parses the classic success callback, reading metadata by Name", () => {
    const cb = ok(JSON.parse(SUCCESS));
    expect(cb).toMatchObject({
      merchantRequestId: "29115-34620561-1",
      checkoutRequestId: "ws_CO_191220191020363925",
      resultCode: "0",
      resultDesc: "The service request is processed successfully.",
      classification: { outcome: "succeeded", code: "0" },
      amount: 1,
      receipt: "NLJ7RT61SV",
      phone: "254708374149",
    });
    expect(Number.isInteger(cb.amount)).toBe(true);
    expect(cb.transactionDate?.toISOString()).toBe("2019-12-19T07:21:15.000Z");
    expect(cb.metadata).toHaveProperty("Balance", undefined);
    expect(cb.raw).toEqual(JSON.parse(SUCCESS));
  });

  it("accepts the raw JSON text as well", () => {
    expect(ok(SUCCESS).receipt).toBe("NLJ7RT61SV");
  });

  it("parses the 2026 success callback without Balance", () => {
    expect(ok(SUCCESS_2026)).toMatchObject({ amount: 1, receipt: "UI9N4XJ2QZ", phone: "254708374149", classification: { outcome: "succeeded" } });
    expect(ok(SUCCESS_2026).transactionDate?.toISOString()).toBe("2026-09-23T17:19:45.000Z");
  });

  it("parses a cancellation without CallbackMetadata", () => {
    const cb = ok(CANCELLED);
    expect(cb).toMatchObject({ resultCode: "1032", classification: { outcome: "cancelled" }, metadata: {} });
    expect(cb.amount).toBeUndefined();
    expect(cb.receipt).toBeUndefined();
    expect(cb.transactionDate).toBeUndefined();
    expect(cb.phone).toBeUndefined();
  });

  it("parses an alphanumeric string ResultCode", () => {
    expect(ok(OPERATOR_MISSING)).toMatchObject({ resultCode: "SFC_IC0003", resultDesc: "The operator does not exist.", classification: { outcome: "failed", known: true } });
  });

  it("reads items by Name whatever their order, with strings where numbers are usual", () => {
    const body = structuredClone(SUCCESS_2026);
    body.Body.stkCallback.ResultCode = "0" as unknown as number;
    body.Body.stkCallback.CallbackMetadata.Item = [
      { Name: "PhoneNumber", Value: "254112345678" as unknown as number },
      { Name: "TransactionDate", Value: "20240707121314" as unknown as number },
      { Name: "Balance" } as { Name: string; Value: number },
      { Name: "MpesaReceiptNumber", Value: "SG722NMVXQ" as unknown as number },
      { Name: "Amount", Value: "1500.00" as unknown as number },
    ];
    expect(ok(body)).toMatchObject({ resultCode: "0", amount: 1500, receipt: "SG722NMVXQ", phone: "254112345678", classification: { outcome: "succeeded" } });
    expect(ok(body).transactionDate?.toISOString()).toBe("2024-07-07T09:13:14.000Z");
  });

  it("keeps a fractional amount as sent instead of rounding it", () => {
    const body = structuredClone(SUCCESS_2026);
    body.Body.stkCallback.CallbackMetadata.Item[0] = { Name: "Amount", Value: 10.5 };
    expect(ok(body).amount).toBe(10.5);
  });

  it("tolerates extra fields and malformed items, but not a lone Item object", () => {
    const body = {
      Extra: true,
      Body: {
        Other: 1,
        stkCallback: {
          MerchantRequestID: "m-1",
          CheckoutRequestID: "ws_CO_1",
          ResultCode: 0,
          ResultDesc: "ok",
          Unexpected: { nested: [1, 2] },
          CallbackMetadata: { Item: { Name: "Amount", Value: 5 } },
        },
      },
    };
    // STK callbacks always carry an array; a lone object would read as a success with no receipt.
    expect(parseStkCallback(body)).toEqual({ ok: false, reason: "Body.stkCallback.CallbackMetadata.Item: must be an array of items" });
    body.Body.stkCallback.CallbackMetadata.Item = [null, 7, { Value: 3 }, { Name: "Amount", Value: 9 }] as never;
    expect(ok(body).amount).toBe(9);
  });

  it("refuses control characters in the fields it stores or matches on", () => {
    const changed = (patch: Record<string, unknown>, receipt?: string) => {
      const body = structuredClone(SUCCESS_2026);
      Object.assign(body.Body.stkCallback, patch);
      if (receipt !== undefined) body.Body.stkCallback.CallbackMetadata.Item = body.Body.stkCallback.CallbackMetadata.Item.map((i) => (i.Name === "MpesaReceiptNumber" ? { ...i, Value: receipt as unknown as number } : i));
      // As M-Pesa would send it: JSON text, the control character \u-escaped.
      return parseStkCallback(JSON.stringify(body));
    };
    expect(changed({ CheckoutRequestID: "ws_CO_1\u0000" })).toEqual({ ok: false, reason: "Body.stkCallback.CheckoutRequestID: must not contain control characters" });
    expect(changed({ ResultDesc: "ok\u0007" })).toEqual({ ok: false, reason: "Body.stkCallback.ResultDesc: must not contain control characters" });
    expect(changed({ MerchantRequestID: "m\u001f" })).toMatchObject({ ok: false });
    expect(changed({}, "UKT\u00001ABCD")).toEqual({ ok: false, reason: "Body.stkCallback.MpesaReceiptNumber: must not contain control characters" });
    expect(changed({ ResultDesc: "two\nlines" })).toMatchObject({ ok: true });
  });

  it("ignores an unreadable TransactionDate rather than inventing one", () => {
    const body = structuredClone(SUCCESS_2026);
    body.Body.stkCallback.CallbackMetadata.Item[2] = { Name: "TransactionDate", Value: 20261399000000 };
    const cb = ok(body);
    expect(cb.transactionDate).toBeUndefined();
    expect(cb.metadata.TransactionDate).toBe(20261399000000);
  });

  it("a missing ResultDesc becomes an empty string", () => {
    expect(ok({ Body: { stkCallback: { MerchantRequestID: "m", CheckoutRequestID: "c", ResultCode: 1037 } } }).resultDesc).toBe("");
  });

  it.each([
    [undefined, "body"],
    [null, "body"],
    ["not json", "body is not JSON"],
    [[], "body"],
    [{}, "Body"],
    [{ Body: {} }, "Body.stkCallback"],
    [{ Body: { stkCallback: { CheckoutRequestID: "c", ResultCode: 0 } } }, "Body.stkCallback.MerchantRequestID"],
    [{ Body: { stkCallback: { MerchantRequestID: "m", ResultCode: 0 } } }, "Body.stkCallback.CheckoutRequestID"],
    [{ Body: { stkCallback: { MerchantRequestID: "m", CheckoutRequestID: "c" } } }, "Body.stkCallback.ResultCode"],
    [{ Body: { stkCallback: { MerchantRequestID: "m", CheckoutRequestID: " ", ResultCode: 0 } } }, "Body.stkCallback.CheckoutRequestID"],
    [{ Body: { stkCallback: { MerchantRequestID: "m", CheckoutRequestID: "c", ResultCode: "" } } }, "Body.stkCallback.ResultCode"],
    [{ Body: { stkCallback: { MerchantRequestID: "m", CheckoutRequestID: "c", ResultCode: true } } }, "Body.stkCallback.ResultCode"],
  ])("rejects %j with a reason naming %s", (body, where) => {
    const result = parseStkCallback(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.startsWith(where)).toBe(true);
  });

  it("never throws, whatever arrives", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withBoxedValues: true }), fc.json(), fc.string()), (body) => {
        const result = parseStkCallback(body);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on callbacks with arbitrary metadata", () => {
    const item = fc.record({ Name: fc.constantFrom("Amount", "MpesaReceiptNumber", "Balance", "TransactionDate", "PhoneNumber", "__proto__"), Value: fc.anything({ withNullPrototype: true }) }, { requiredKeys: ["Name"] });
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string({ minLength: 1 })), fc.array(item), fc.anything({ withNullPrototype: true }), (code, items, desc) => {
        const stkCallback = { MerchantRequestID: "m", CheckoutRequestID: "c", ResultCode: code, ResultDesc: desc, CallbackMetadata: { Item: items } };
        const result = parseStkCallback({ Body: { stkCallback } });
        if (String(code).trim() === "") return;
        // Control characters in a stored field are refused (tested above); the rest always parses.
        if (!result.ok && result.reason.endsWith("must not contain control characters")) return;
        expect(result.ok).toBe(true);
        if (result.ok && result.callback.amount !== undefined) expect(Number.isFinite(result.callback.amount)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
