import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { defuse, PAYMENT_CSV_COLUMNS, toPaymentCsvRecord } from "@/lib/payments/payment-csv-record";
import type { PaymentRow } from "@/lib/payments/payment-row";

const row: PaymentRow = {
  id: "pay_1", mode: "LIVE", status: "SUCCEEDED", amount: 1500, currency: "KES", refundedAmount: 500, rail: "daraja_stk", phone: "254712345678", reference: "=HYPERLINK(x)",
  description: "Order, \"big\"", mpesaReceipt: "SKL7ZX9QW1", resultCode: "0", resultDesc: "ok", checkoutRequestId: "ws_CO_1",
  storefrontId: "sf_1", storefrontName: "Shop", late: false, receiptMissing: true, outcomeUnknown: false, reviewReason: null,
  createdAt: new Date("2026-11-29T22:30:05.120Z"), completedAt: null,
};

describe("payment CSV records", () => {
  it("writes times in EAT and UTC as ISO 8601 and amounts as integers", () => {
    const r = toPaymentCsvRecord(row);
    expect(r.created_at_eat).toBe("2026-11-30T01:30:05.120+03:00");
    expect(r.created_at_utc).toBe("2026-11-29T22:30:05.120Z");
    expect(r.completed_at_eat).toBe("");
    expect(r.amount).toBe(1500);
    expect(r.amount_refunded).toBe(500);
    expect(r.receipt_missing).toBe("true");
    expect(Object.keys(r)).toEqual([...PAYMENT_CSV_COLUMNS]);
  });

  it("defuses spreadsheet formulas but leaves ordinary text alone", () => {
    expect(toPaymentCsvRecord(row).reference).toBe("'=HYPERLINK(x)");
    expect(defuse("+254")).toBe("'+254");
    expect(defuse("@SUM")).toBe("'@SUM");
    expect(defuse("INV-1")).toBe("INV-1");
  });

  it("quotes commas and quotes in the CSV text", () => {
    const line = stringify([toPaymentCsvRecord(row)], { columns: [...PAYMENT_CSV_COLUMNS] });
    expect(line).toContain('"Order, ""big"""');
    expect(line.split(",")[6]).toBe("1500");
  });
});
