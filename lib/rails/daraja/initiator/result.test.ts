import { describe, expect, it } from "vitest";
import { parseAccountBalances, parseCharge } from "./account-balance";
import { readB2cResult } from "./b2c-result";
import { parseInitiatorResult, splitParty, type InitiatorResult } from "./result";
import {
  B2C_LOCKED, B2C_SUCCESS, LONE_PARAMETER, REVERSAL_INVALID, REVERSAL_SUCCESS, STATUS_B2C_DOC, STATUS_CUSTOMER_PAYMENT,
} from "./result.fixtures";
import { ledgerLineFromB2c, ledgerLineFromReversal, ledgerLineFromTransactionStatus } from "../ledger-line";
import { parseQueueTimeout } from "./queue-timeout";
import { readReversalResult } from "./reversal-result";
import { readTransactionStatusResult } from "./transaction-status-result";

function parsed(body: unknown): InitiatorResult {
  const result = parseInitiatorResult(body);
  if (!result.ok) throw new Error(result.reason);
  return result.result;
}

describe("parseInitiatorResult", () => {
  it("reads the envelope and parameters by Key; items without Value are null", () => {
    const result = parsed(JSON.stringify(STATUS_B2C_DOC));
    expect(result).toMatchObject({ resultType: 0, resultCode: "0", originatorConversationId: "3213-416199-2", transactionId: "MBN0000000" });
    expect(result.parameters.TransactionReason).toBeNull();
    expect(result.parameters.Amount).toBe("300");
    expect(result.referenceData).toEqual({ Occasion: null });
  });

  it("reads a lone ResultParameter object and string codes and types", () => {
    const result = parsed(LONE_PARAMETER);
    expect(result).toMatchObject({ resultType: 0, resultCode: "0", parameters: { BOCompletedTime: 20200109125710 } });
  });

  it("reads a failure without ResultParameters and an alphanumeric code", () => {
    expect(parsed(REVERSAL_INVALID)).toMatchObject({ resultCode: "R000002", parameters: {} });
  });

  it("reads the old spellings with spaces and keeps the first of a repeated Key", () => {
    const result = parsed({ Result: { "Result Code": "0", "Conversation ID": "AG_1", "Originator Conversation ID": "1-2-3",
      ResultParameters: { ResultParameter: [{ Key: "DebitPartyName", Value: "a" }, { Key: "DebitPartyName", Value: "b" }, { Key: "__proto__", Value: "x" }] } } });
    expect(result).toMatchObject({ resultCode: "0", conversationId: "AG_1", originatorConversationId: "1-2-3" });
    expect(result.parameters.DebitPartyName).toBe("a");
    expect(Object.getPrototypeOf(result.parameters)).toBe(Object.prototype);
  });

  it.each([
    ["{", "not JSON"], ["null", "not a JSON object"], [{}, "Result"], [{ Result: [] }, "Result"],
    [{ Result: { ResultDesc: "x" } }, "ResultCode"], [{ Result: { ResultCode: " " } }, "ResultCode"],
  ])("refuses %j", (body, reason) => {
    const result = parseInitiatorResult(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe("readTransactionStatusResult", () => {
  it("reads a real customer payment: full payer number, number-typed times and amount, ReceiptNo not TransactionID", () => {
    const outcome = readTransactionStatusResult(parsed(STATUS_CUSTOMER_PAYMENT));
    expect(outcome).toMatchObject({
      kind: "found", receipt: "SB659DEI29", status: "Completed", completed: true, amountMinor: 100, reasonType: "Pay Utility with OD Online",
      debitParty: { identifier: "254712345063", name: "JANE WANJIKU DOE", msisdn: { kind: "full", msisdn: "254712345063" } },
      creditParty: { identifier: "4130669", name: "KERICHO COUNTY KAPKATET DISTRICT HOSPITAL", msisdn: null },
      debitAccountType: "MMF Account For Customer", originatorConversationId: "3fec-4d4e-8899-f6343499627422355256",
    });
    if (outcome.kind !== "found") throw new Error("expected found");
    expect(outcome.finalisedAt?.toISOString()).toBe("2024-02-06T11:36:45.000Z");
    expect(ledgerLineFromTransactionStatus(outcome, "4130669")).toMatchObject({ source: "transaction_status", receipt: "SB659DEI29", direction: "in", amountMinor: 100 });
  });

  it("reads the documented B2C lookup: string times, charges, our shortcode paying out", () => {
    const outcome = readTransactionStatusResult(parsed(STATUS_B2C_DOC));
    expect(outcome).toMatchObject({ kind: "found", receipt: "MBN31H462N", amountMinor: 30000, debitPartyCharges: { label: "Fee For B2C Payment", currency: "KES", amountMinor: 2240 } });
    expect(ledgerLineFromTransactionStatus(outcome, "600310")).toMatchObject({ direction: "out", counterpartyName: "John Doe" });
  });

  it("a status other than Completed is not money moved, and not a ledger line", () => {
    const pending = structuredClone(STATUS_CUSTOMER_PAYMENT);
    pending.Result.ResultParameters.ResultParameter[8] = { Key: "TransactionStatus", Value: "Pending" };
    const outcome = readTransactionStatusResult(parsed(pending));
    expect(outcome).toMatchObject({ kind: "found", completed: false });
    expect(ledgerLineFromTransactionStatus(outcome, "4130669")).toBeNull();
  });

  it("2032 is an unknown receipt", () => {
    const outcome = readTransactionStatusResult(parsed({ Result: { ResultType: 0, ResultCode: 2032, ResultDesc: "The transaction receipt number does not exist." } }));
    expect(outcome).toMatchObject({ kind: "failed", classification: { code: "2032", cause: "not_found", known: true } });
  });
});

describe("readReversalResult", () => {
  it("keeps both receipts: the new reversal one and the original", () => {
    const outcome = readReversalResult(parsed(REVERSAL_SUCCESS));
    expect(outcome).toMatchObject({
      kind: "reversed", reversalReceipt: "SKE52PAWR9", originalReceipt: "SKC82PACB8", amountMinor: 100, chargeMinor: 0,
      debitAccountBalances: [{ name: "Utility Account", currency: "KES", availableMinor: 772217962 }],
      creditParty: { name: "NICHOLAS JOHN SONGOK", msisdn: { kind: "full", msisdn: "254705912645" } },
    });
    if (outcome.kind !== "reversed") throw new Error("expected reversed");
    expect(outcome.completedAt?.toISOString()).toBe("2021-11-14T10:27:11.000Z");
    expect(ledgerLineFromReversal(outcome, "600992")).toMatchObject({ receipt: "SKE52PAWR9", linkedReceipt: "SKC82PACB8", direction: "out", amountMinor: 100 });
  });

  it.each([
    ["R000002", "not_found"], ["R000001", "already_reversed"], [1, "insufficient_balance"], ["2001", "credentials"], [8006, "credentials_locked"], [21, "permission"],
  ])("failure %j is %s", (code, cause) => {
    const outcome = readReversalResult(parsed({ Result: { ...REVERSAL_INVALID.Result, ResultCode: code } }));
    expect(outcome).toMatchObject({ kind: "failed", classification: { outcome: "failed", cause } });
    expect(ledgerLineFromReversal(outcome, "600992")).toBeNull();
  });
});

describe("readB2cResult", () => {
  it("reads the success: its own date format, balances, registered flag", () => {
    const outcome = readB2cResult(parsed(B2C_SUCCESS));
    expect(outcome).toMatchObject({
      kind: "paid", receipt: "SG632NMUAB", amountMinor: 1000, utilityAvailableMinor: 895926960, workingAvailableMinor: 119937100,
      chargesPaidAvailableMinor: -198000, recipientRegistered: true, receiver: { identifier: "254705912645" },
    });
    if (outcome.kind !== "paid") throw new Error("expected paid");
    expect(outcome.completedAt?.toISOString()).toBe("2024-07-06T19:48:52.000Z");
    expect(ledgerLineFromB2c(outcome, "600992")).toMatchObject({ source: "b2c_result", receipt: "SG632NMUAB", direction: "out", amountMinor: 1000 });
  });

  it("a failure with a real-looking TransactionID is still a failure", () => {
    expect(readB2cResult(parsed(B2C_LOCKED))).toMatchObject({ kind: "failed", classification: { code: "8006", cause: "credentials_locked" } });
  });
});

describe("parseQueueTimeout", () => {
  it("reads the assumed Result envelope and any other JSON object, never assuming failure", () => {
    expect(parseQueueTimeout({ Result: { ResultType: 1, ResultCode: "1", ResultDesc: "The service request timed out.", OriginatorConversationID: "a-b", ConversationID: "AG_x" } }))
      .toMatchObject({ ok: true, notice: { originatorConversationId: "a-b", conversationId: "AG_x", resultCode: "1" } });
    expect(parseQueueTimeout('{"something":"else"}')).toMatchObject({ ok: true, notice: { originatorConversationId: null, resultCode: null } });
    expect(parseQueueTimeout("timeout")).toEqual({ ok: false, reason: "body is not JSON" });
  });
});

describe("helpers", () => {
  it("splits parties on the first ' - '", () => {
    expect(splitParty("4130669 -  KERICHO  COUNTY ")).toEqual({ identifier: "4130669", name: "KERICHO COUNTY" });
    expect(splitParty("600984")).toEqual({ identifier: "600984", name: null });
    expect(splitParty(null)).toBeNull();
  });

  it("reads &-joined account balances and charges", () => {
    const text = "Working Account|KES|700000.00|700000.00|0.00|0.00&Utility Account|KES|228037.00|228037.00|0.00|0.00&Charges Paid Account|KES|-1540.00|-1540.00|0.00|0.00";
    expect(parseAccountBalances(text).map((a) => [a.name, a.availableMinor])).toEqual([["Working Account", 70000000], ["Utility Account", 22803700], ["Charges Paid Account", -154000]]);
    expect(parseAccountBalances(42)).toEqual([]);
    expect(parseCharge(undefined)).toBeNull();
  });
});
