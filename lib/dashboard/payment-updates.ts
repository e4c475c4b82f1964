import { z } from "zod";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import type { PaymentRow } from "@/lib/payments/payment-row";
import { ALL_STATUSES, TRANSITIONS } from "@/lib/payments/state";

/**
 * The payments table refreshes its waiting rows by itself: it asks GET /api/dashboard/payment-rows
 * for those rows again until none is waiting. This file is what both sides share (the request's
 * ids, the answer's shape, which rows wait and how often to ask); no server imports.
 */

export const PAYMENT_UPDATES_PATH = "/api/dashboard/payment-rows";

/** A page holds at most 100 rows (lib/dashboard/search-params.ts), so no refresh asks for more. */
export const MAX_REFRESH_IDS = 100;

// Waiting on M-Pesa: the states the sweep may still expire. REVIEW waits for a person, not for M-Pesa.
const WAITING: readonly PaymentStatus[] = TRANSITIONS.expire.from;

export function isWaitingOnMpesa(status: PaymentStatus): boolean {
  return WAITING.includes(status);
}

export const paymentUpdatesQuerySchema = z.object({
  ids: z
    .string()
    .transform((raw) => [...new Set(raw.split(",").map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().regex(/^pay_[0-9A-Za-z]{8,64}$/, "must be payment ids (pay_…)")).min(1).max(MAX_REFRESH_IDS)),
});

const date = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const paymentRowSchema: z.ZodType<PaymentRow, unknown> = z.object({
  id: z.string(),
  mode: z.enum(["TEST", "LIVE"]),
  status: z.enum(ALL_STATUSES),
  amount: z.number().int(),
  currency: z.string(),
  refundedAmount: z.number().int(),
  rail: z.string(),
  phone: z.string(),
  reference: z.string(),
  description: z.string().nullable(),
  mpesaReceipt: z.string().nullable(),
  resultCode: z.string().nullable(),
  resultDesc: z.string().nullable(),
  checkoutRequestId: z.string().nullable(),
  storefrontId: z.string(),
  storefrontName: z.string(),
  late: z.boolean(),
  receiptMissing: z.boolean(),
  outcomeUnknown: z.boolean(),
  reviewReason: z.string().nullable(),
  createdAt: date,
  completedAt: date.nullable(),
});

export const paymentUpdatesResponseSchema = z.object({ data: z.array(paymentRowSchema) });
export type PaymentUpdatesResponse = z.infer<typeof paymentUpdatesResponseSchema>;

/**
 * The wait before the next refresh: short while rows are moving, longer while nothing changes (a
 * customer may take a minute to type a PIN; a tab left open must not hammer the server), and short
 * again as soon as one row changed.
 */
export const REFRESH_BASE_MS = 2_000;
export const REFRESH_MAX_MS = 15_000;

export function nextRefreshDelay(previousMs: number, changed: boolean): number {
  if (changed) return REFRESH_BASE_MS;
  return Math.min(REFRESH_MAX_MS, Math.round(previousMs * 1.5));
}

/** Rows whose refreshed copy differs from the one shown (what is worth re-rendering and announcing). */
export function changedRows(shown: PaymentRow[], fresh: PaymentRow[]): PaymentRow[] {
  const byId = new Map(shown.map((r) => [r.id, r]));
  return fresh.filter((f) => {
    const old = byId.get(f.id);
    return old !== undefined && (old.status !== f.status || old.mpesaReceipt !== f.mpesaReceipt || old.late !== f.late || old.refundedAmount !== f.refundedAmount
      || old.receiptMissing !== f.receiptMissing || old.outcomeUnknown !== f.outcomeUnknown || old.resultCode !== f.resultCode
      || old.completedAt?.getTime() !== f.completedAt?.getTime());
  });
}
