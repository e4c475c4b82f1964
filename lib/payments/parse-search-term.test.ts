import { describe, expect, it } from "vitest";
import { parseSearchTerm } from "@/lib/payments/parse-search-term";

const kinds = (q: string) => parseSearchTerm(q).map((r) => r.kind);

describe("parseSearchTerm", () => {
  it("is empty for blank input", () => {
    expect(parseSearchTerm("   ")).toEqual([]);
  });

  it.each(["0712345678", "+254712345678", "254712345678", "0712 345 678", "+254 712-345-678", "712345678", "0112345678"])(
    "reads %s as one exact phone number",
    (q) => {
      const phone = parseSearchTerm(q).find((r) => r.kind === "phone");
      expect(phone).toEqual({ kind: "phone", value: q.includes("011") ? "254112345678" : "254712345678" });
    },
  );

  it("reads trailing digits as a phone suffix, stripping a trunk 0 or country code", () => {
    expect(parseSearchTerm("5678")).toContainEqual({ kind: "phone_suffix", digits: "5678" });
    expect(parseSearchTerm("071234")).toContainEqual({ kind: "phone_suffix", digits: "71234" });
    expect(parseSearchTerm("25471234")).toContainEqual({ kind: "phone_suffix", digits: "71234" });
    expect(kinds("12")).toEqual(["reference_prefix"]);
  });

  it("reads a 10-character code as a receipt (upper-cased) or a reference", () => {
    expect(parseSearchTerm("skl7zx9qw1")).toEqual([
      { kind: "receipt", value: "SKL7ZX9QW1" },
      { kind: "reference_prefix", value: "skl7zx9qw1" },
    ]);
  });

  it("reads a letters-only receipt as a receipt, but not digits or codes of another shape", () => {
    // A real receipt whose random part happens to hold no digit (26 November 2026).
    expect(kinds("UKTICFUXKZ")).toEqual(["receipt", "reference_prefix"]);
    expect(kinds("1234567890")).not.toContain("receipt");
    // Month letters stop at L (December): not a receipt.
    expect(kinds("UZT1234567")).toEqual(["reference_prefix"]);
  });

  it("reads pay_ ids and CheckoutRequestIDs exactly, and nothing else", () => {
    expect(parseSearchTerm("pay_3kTMd9x")).toEqual([{ kind: "payment_id", value: "pay_3kTMd9x" }]);
    expect(parseSearchTerm("ws_CO_191220191020363925")).toEqual([{ kind: "checkout_request_id", value: "ws_CO_191220191020363925" }]);
  });

  it("reads anything else as a reference prefix", () => {
    expect(parseSearchTerm("INV-1001")).toEqual([{ kind: "reference_prefix", value: "INV-1001" }]);
    expect(parseSearchTerm("<script>")).toEqual([{ kind: "reference_prefix", value: "<script>" }]);
  });
});
