import { Prisma, type PaymentStatus } from "@/lib/generated/prisma/client";

/** One payment as the table and the CSV export show it. */
export interface PaymentRow {
  id: string;
  mode: "TEST" | "LIVE";
  status: PaymentStatus;
  amount: number;
  currency: string;
  /** What its succeeded refunds gave back, in the payment's unit. */
  refundedAmount: number;
  /** The rail of the payment's collection account ("daraja_stk" when it has none: payments from before accounts). */
  rail: string;
  phone: string;
  reference: string;
  description: string | null;
  mpesaReceipt: string | null;
  resultCode: string | null;
  resultDesc: string | null;
  checkoutRequestId: string | null;
  storefrontId: string;
  storefrontName: string;
  late: boolean;
  receiptMissing: boolean;
  outcomeUnknown: boolean;
  reviewReason: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** The columns selected for a PaymentRow; payments `p` joined to storefronts `s`. */
export const PAYMENT_ROW_COLUMNS = Prisma.sql`
  p.id, p.mode::text AS mode, p.status::text AS status, p.amount, p.currency, p.refunded_amount,
  COALESCE((SELECT ca.rail FROM collection_accounts ca WHERE ca.id = p.collection_account_id), 'daraja_stk') AS rail, p.phone, p.reference, p.description,
  p.mpesa_receipt, p.result_code, p.result_desc, p.checkout_request_id, p.storefront_id, s.name AS storefront_name,
  p.late, p.receipt_missing, p.outcome_unknown, p.review_reason, p.created_at, p.completed_at`;

export interface PaymentRowRecord {
  id: string; mode: "TEST" | "LIVE"; status: PaymentStatus; amount: number; currency: string; refunded_amount: number; rail: string; phone: string;
  reference: string; description: string | null; mpesa_receipt: string | null; result_code: string | null;
  result_desc: string | null; checkout_request_id: string | null; storefront_id: string; storefront_name: string;
  late: boolean; receipt_missing: boolean; outcome_unknown: boolean; review_reason: string | null;
  created_at: Date; completed_at: Date | null;
}

export function toPaymentRow(r: PaymentRowRecord): PaymentRow {
  return {
    id: r.id, mode: r.mode, status: r.status, amount: r.amount, currency: r.currency, refundedAmount: r.refunded_amount, rail: r.rail, phone: r.phone, reference: r.reference,
    description: r.description, mpesaReceipt: r.mpesa_receipt, resultCode: r.result_code, resultDesc: r.result_desc,
    checkoutRequestId: r.checkout_request_id, storefrontId: r.storefront_id, storefrontName: r.storefront_name,
    late: r.late, receiptMissing: r.receipt_missing, outcomeUnknown: r.outcome_unknown, reviewReason: r.review_reason,
    createdAt: r.created_at, completedAt: r.completed_at,
  };
}
