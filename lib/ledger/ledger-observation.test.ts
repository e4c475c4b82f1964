import { describe, expect, it } from "vitest";
import { ledgerObservation, lineDisagreement, type StoredLedgerLine } from "@/lib/ledger/ledger-observation";
import { readMsisdn, sha256Hex } from "@/lib/rails/daraja/msisdn-evidence";

const line = (extra: Partial<StoredLedgerLine> = {}): StoredLedgerLine => ({
  id: 7n, receipt: "UKT1AAAAAA", amountMinor: 150_000, currency: "KES", completedAt: new Date("2026-10-01T07:12:40Z"), msisdn: null,
  sources: ["pull", "statement"], accountReference: "INV-41", disagreement: null, transactionType: "Pay Bill", ...extra,
});
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as StoredLedgerLine["msisdn"];
const PHONE = "254712345126";

describe("ledgerObservation", () => {
  it("is a success with the line's receipt, amount in whole shillings, time and evidence", () => {
    expect(ledgerObservation(line(), null)).toMatchObject({
      result: "succeeded", source: "ledger", receipt: "UKT1AAAAAA", amount: 1500, currency: "KES", occurredAt: new Date("2026-10-01T07:12:40Z"),
      evidence: { ledgerLineId: "7" }, details: { sources: ["pull", "statement"], accountReference: "INV-41" },
    });
    expect(ledgerObservation(line(), null)).not.toHaveProperty("disagreement");
  });

  it("passes the payer's number on as the source told it, never more", () => {
    expect(ledgerObservation(line({ msisdn: asJson(readMsisdn(PHONE)) }), null).phone).toBe(PHONE);
    expect(ledgerObservation(line({ msisdn: asJson(readMsisdn("2547****126")) }), null).phone).toBe("2547****126");
    expect(ledgerObservation(line({ msisdn: asJson(readMsisdn(sha256Hex(PHONE))) }), null).phone).toBe(sha256Hex(PHONE));
    expect(ledgerObservation(line(), null)).not.toHaveProperty("phone");
  });
});

describe("lineDisagreement", () => {
  it("names what its sources disagree about first", () => {
    expect(lineDisagreement(line({ disagreement: "statement gives amount 9000 (minor units), pull gave 150000" }), { phone: PHONE, mpesaReceipt: null, status: "PENDING" as const }, false))
      .toBe("M-Pesa's sources disagree about receipt UKT1AAAAAA: statement gives amount 9000 (minor units), pull gave 150000");
  });

  it("says when a line matched by reference was certainly paid from another number, and nothing when it fits or is unknown", () => {
    expect(lineDisagreement(line({ msisdn: asJson(readMsisdn("2547****999")) }), { phone: PHONE, mpesaReceipt: null, status: "PENDING" as const }, true)).toContain("paid from 2547****999");
    expect(lineDisagreement(line({ msisdn: asJson(readMsisdn("2547****126")) }), { phone: PHONE, mpesaReceipt: null, status: "PENDING" as const }, true)).toBeNull();
    expect(lineDisagreement(line({ msisdn: asJson(readMsisdn(sha256Hex(PHONE))) }), { phone: PHONE, mpesaReceipt: null, status: "PENDING" as const }, true)).toBeNull();
    expect(lineDisagreement(line(), { phone: PHONE, mpesaReceipt: null, status: "PENDING" as const }, true)).toBeNull();
  });

  it("never lets an uploaded statement alone make a payment paid: a person confirms it", () => {
    const uploaded = line({ sources: ["statement"] });
    expect(lineDisagreement(uploaded, { phone: PHONE, mpesaReceipt: null, status: "PENDING" as const }, true)).toBe(
      "only an uploaded statement lists receipt UKT1AAAAAA; confirm it against M-Pesa before accepting it");
    // The payment already holds that receipt (M-Pesa told it): the statement only agrees.
    expect(lineDisagreement(uploaded, { phone: PHONE, mpesaReceipt: "UKT1AAAAAA", status: "SUCCEEDED" }, false)).toBeNull();
    // A payment already paid (settled by a status query) may take the statement's receipt.
    expect(lineDisagreement(uploaded, { phone: PHONE, mpesaReceipt: null, status: "SUCCEEDED" }, true)).toBeNull();
    for (const status of ["EXPIRED", "FAILED", "CANCELLED", "INITIATING"] as const) {
      expect(lineDisagreement(uploaded, { phone: PHONE, mpesaReceipt: null, status }, true)).toContain("only an uploaded statement");
    }
    // Another source told of it too.
    expect(lineDisagreement(line({ sources: ["statement", "pull"] }), { phone: PHONE, mpesaReceipt: null, status: "PENDING" as const }, true)).toBeNull();
  });

  it("lets a line tied by its receipt be the payment's whatever its masked number hints", () => {
    expect(lineDisagreement(line({ msisdn: asJson(readMsisdn("2547****999")) }), { phone: PHONE, mpesaReceipt: null, status: "PENDING" as const }, false)).toBeNull();
  });
});
