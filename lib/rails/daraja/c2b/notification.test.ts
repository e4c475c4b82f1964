import { describe, expect, it } from "vitest";
import { c2bPayerName, parseC2bNotification } from "./notification";
import { acceptC2bValidation, C2B_CONFIRMATION_ACK, C2B_REJECT_CODES, describeC2bValidationCode, rejectC2bValidation } from "./validation-response";
import { ledgerLineFromC2b } from "../ledger-line";
import { msisdnMatches } from "../msisdn-evidence";

// The documented v2 validation request; the confirmation differs by OrgAccountBalance and ThirdPartyTransID.
const VALIDATION = {
  TransactionType: "Pay Bill", TransID: "RKL51ZDR4F", TransTime: "20231121121325", TransAmount: "5.00", BusinessShortCode: "600966",
  BillRefNumber: "INV00042", InvoiceNumber: "", OrgAccountBalance: "", ThirdPartyTransID: "", MSISDN: "2547 ***** 126",
  FirstName: "NICHOLAS", MiddleName: "", LastName: "",
};
const CONFIRMATION = { ...VALIDATION, OrgAccountBalance: "25.00", ThirdPartyTransID: "ORD-42" };
const V1_HASHED = { ...CONFIRMATION, TransactionType: "", MSISDN: "94c392c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88" };

describe("parseC2bNotification", () => {
  it("reads the v2 validation request: strings everywhere, masked MSISDN, EAT time", () => {
    const parsed = parseC2bNotification(JSON.stringify(VALIDATION));
    expect(parsed).toMatchObject({
      ok: true,
      notification: {
        transactionType: "Pay Bill", channel: "paybill", receipt: "RKL51ZDR4F", amountMinor: 500, businessShortCode: "600966",
        billRefNumber: "INV00042", invoiceNumber: null, orgAccountBalanceMinor: null, thirdPartyTransId: null,
        msisdn: { kind: "masked", prefix: "2547", suffix: "126" }, firstName: "NICHOLAS", middleName: null, lastName: null,
      },
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.notification.transTime?.toISOString()).toBe("2023-11-21T09:13:25.000Z");
    expect(c2bPayerName(parsed.notification)).toBe("NICHOLAS");
  });

  it("reads the confirmation's balance and echoed ThirdPartyTransID", () => {
    expect(parseC2bNotification(CONFIRMATION)).toMatchObject({ ok: true, notification: { orgAccountBalanceMinor: 2500, thirdPartyTransId: "ORD-42" } });
  });

  it("reads v1's hashed MSISDN and an empty TransactionType without assuming a number", () => {
    const parsed = parseC2bNotification(V1_HASHED);
    expect(parsed).toMatchObject({ ok: true, notification: { channel: "unknown", msisdn: { kind: "hashed" } } });
  });

  it("reads a till payment with numbers where strings were expected and no BillRefNumber", () => {
    const parsed = parseC2bNotification({ ...VALIDATION, TransactionType: "Buy Goods", TransAmount: 1500, BusinessShortCode: 5544332, TransTime: 20231121121325, BillRefNumber: "" });
    expect(parsed).toMatchObject({ ok: true, notification: { channel: "till", amountMinor: 150000, businessShortCode: "5544332", billRefNumber: null } });
  });

  it("keeps an impossible TransTime as text instead of inventing a date", () => {
    expect(parseC2bNotification({ ...VALIDATION, TransTime: "20231131121325" })).toMatchObject({ ok: true, notification: { transTime: null, transTimeRaw: "20231131121325" } });
  });

  it("matches the masked number only on what it shows", () => {
    const parsed = parseC2bNotification(VALIDATION);
    if (!parsed.ok || !parsed.notification.msisdn) throw new Error("expected a masked number");
    expect(msisdnMatches(parsed.notification.msisdn, "254712345126")).toBe(true);
  });

  it.each([
    ["not json", "body is not JSON"],
    ["", "body is empty"],
    ["[1]", "body is not a JSON object"],
    [{ ...VALIDATION, TransID: "" }, "TransID"],
    [{ ...VALIDATION, TransID: "<script>" }, "TransID"],
    [{ ...VALIDATION, TransAmount: "five" }, "TransAmount"],
    [{ ...VALIDATION, TransAmount: "0.00" }, "TransAmount"],
    [{ ...VALIDATION, TransAmount: "-5.00" }, "TransAmount"],
    [{ ...VALIDATION, BusinessShortCode: "" }, "BusinessShortCode"],
  ])("refuses %j with a reason", (body, reason) => {
    const parsed = parseC2bNotification(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it("becomes a ledger line keyed on the receipt", () => {
    const parsed = parseC2bNotification(CONFIRMATION);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(ledgerLineFromC2b(parsed.notification)).toMatchObject({
      source: "c2b_confirmation", receipt: "RKL51ZDR4F", shortcode: "600966", direction: "in", amountMinor: 500, accountReference: "INV00042", counterpartyName: "NICHOLAS",
    });
  });
});

describe("C2B validation answers", () => {
  it("accepts with ResultCode \"0\" and an optional ThirdPartyTransID", () => {
    expect(acceptC2bValidation()).toEqual({ ResultCode: "0", ResultDesc: "Accepted" });
    expect(acceptC2bValidation({ thirdPartyTransId: "ORD-42" })).toEqual({ ResultCode: "0", ResultDesc: "Accepted", ThirdPartyTransID: "ORD-42" });
    expect(() => acceptC2bValidation({ thirdPartyTransId: "a b" })).toThrow(/ThirdPartyTransID/);
  });

  it.each([
    ["invalid_msisdn", "C2B00011"], ["invalid_account_number", "C2B00012"], ["invalid_amount", "C2B00013"],
    ["invalid_kyc", "C2B00014"], ["invalid_shortcode", "C2B00015"], ["other", "C2B00016"],
  ] as const)("rejects %s with %s", (reason, code) => {
    expect(rejectC2bValidation(reason)).toEqual({ ResultCode: code, ResultDesc: "Rejected" });
    expect(describeC2bValidationCode(code)).toBe(C2B_REJECT_CODES[reason].meaning);
  });

  it("describes codes and acknowledges confirmations", () => {
    expect(describeC2bValidationCode(0)).toBe("Accepted");
    expect(describeC2bValidationCode("C2B99999")).toBeNull();
    expect(C2B_CONFIRMATION_ACK).toEqual({ ResultCode: 0, ResultDesc: "Success" });
  });
});
