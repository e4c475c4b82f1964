import { toEatIso } from "@/lib/time/eat";
import type { PaymentRow } from "@/lib/payments/payment-row";

/**
 * One CSV line per payment. Times appear twice — EAT for people, UTC for systems — as ISO 8601;
 * amounts are whole shillings. Text a storefront or M-Pesa chose is defused against spreadsheet
 * formula injection (a leading =, +, -, @, tab or CR makes Excel evaluate the cell).
 */
export const PAYMENT_CSV_COLUMNS = [
  "id", "created_at_eat", "created_at_utc", "completed_at_eat", "completed_at_utc", "status", "amount", "currency",
  "phone", "reference", "description", "mpesa_receipt", "result_code", "result_desc", "storefront_id", "storefront",
  "mode", "checkout_request_id", "late", "receipt_missing", "outcome_unknown", "review_reason",
] as const;

export type PaymentCsvRecord = Record<(typeof PAYMENT_CSV_COLUMNS)[number], string | number>;

export function toPaymentCsvRecord(p: PaymentRow): PaymentCsvRecord {
  return {
    id: p.id,
    created_at_eat: toEatIso(p.createdAt),
    created_at_utc: p.createdAt.toISOString(),
    completed_at_eat: p.completedAt ? toEatIso(p.completedAt) : "",
    completed_at_utc: p.completedAt ? p.completedAt.toISOString() : "",
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    phone: p.phone,
    reference: defuse(p.reference),
    description: defuse(p.description ?? ""),
    mpesa_receipt: defuse(p.mpesaReceipt ?? ""),
    result_code: defuse(p.resultCode ?? ""),
    result_desc: defuse(p.resultDesc ?? ""),
    storefront_id: p.storefrontId,
    storefront: defuse(p.storefrontName),
    mode: p.mode,
    checkout_request_id: defuse(p.checkoutRequestId ?? ""),
    late: p.late ? "true" : "false",
    receipt_missing: p.receiptMissing ? "true" : "false",
    outcome_unknown: p.outcomeUnknown ? "true" : "false",
    review_reason: defuse(p.reviewReason ?? ""),
  };
}

export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
