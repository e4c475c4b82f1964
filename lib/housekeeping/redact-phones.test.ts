import { describe, expect, it } from "vitest";
import { redactPhonesInBody } from "@/lib/housekeeping/redact-phones";

describe("redactPhonesInBody", () => {
  it("masks a bare PhoneNumber and keeps the JSON valid", () => {
    const body = JSON.stringify({ Body: { stkCallback: { CallbackMetadata: { Item: [{ Name: "PhoneNumber", Value: 254708374149 }, { Name: "Amount", Value: 150 }] } } } });
    const redacted = redactPhonesInBody(body);
    expect(redacted).not.toContain("254708374149");
    const items = (JSON.parse(redacted) as { Body: { stkCallback: { CallbackMetadata: { Item: { Name: string; Value: unknown }[] } } } }).Body.stkCallback.CallbackMetadata.Item;
    expect(items).toEqual([{ Name: "PhoneNumber", Value: "2547****149" }, { Name: "Amount", Value: 150 }]);
  });

  it("masks quoted numbers and numbers in free text, and leaves other digits alone", () => {
    expect(redactPhonesInBody('{"PhoneNumber":"254112345678","MpesaReceiptNumber":"NLJ7RT61SV","TransactionDate":20261201100020}'))
      .toBe('{"PhoneNumber":"2541****678","MpesaReceiptNumber":"NLJ7RT61SV","TransactionDate":20261201100020}');
    expect(redactPhonesInBody("not json: 254708374149 paid")).toBe("not json: 2547****149 paid");
    expect(redactPhonesInBody("order 12547083741490 ref")).toBe("order 12547083741490 ref");
  });

  it("changes nothing twice", () => {
    const once = redactPhonesInBody('{"PhoneNumber":254708374149}');
    expect(redactPhonesInBody(once)).toBe(once);
  });
});
