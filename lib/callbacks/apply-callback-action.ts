import type { Payment, Prisma } from "@/lib/generated/prisma/client";
import type { ParsedStkCallback } from "@/lib/mpesa/callback";
import { compareReportedPhone } from "@/lib/phone/compare-reported-phone";
import type { CallbackAction } from "@/lib/payments/decide-callback-action";
import { failureCodeFor } from "@/lib/payments/failure-codes";
import { recordPaymentEvent } from "@/lib/payments/record-payment-event";
import { transitionPayment, type PaymentPatch } from "@/lib/payments/transition";
import { emitPaymentEvent } from "@/lib/payments/emit-payment-event";

export interface ApplyCallbackActionOptions {
  /** Read under the payment's row lock. */
  payment: Payment;
  callback: ParsedStkCallback;
  action: CallbackAction;
  callbackLogId: bigint;
  /** The callback's receipt already belongs to another payment: it must not be stored on this one. */
  receiptTaken: boolean;
  now: Date;
}

export interface AppliedCallback {
  outcome: "APPLIED" | "DUPLICATE" | "STALE";
  reason?: string;
}

/** Carries out a decided callback action in the caller's transaction (transitions via transitionPayment). */
export async function applyCallbackAction(tx: Prisma.TransactionClient, options: ApplyCallbackActionOptions): Promise<AppliedCallback> {
  const { payment, callback, action, callbackLogId, receiptTaken, now } = options;
  const base = { paymentId: payment.id, source: "callback" as const, callbackLogId };
  const phoneCheck = compareReportedPhone(payment.phone, callback.phone).kind;
  const data = { ...eventData(callback), phoneCheck };
  // Kept on the payment whatever its review concludes: the money came from another phone.
  const mismatch: PaymentPatch = callback.classification.outcome === "succeeded" && phoneCheck === "different" ? { phoneMismatch: true } : {};
  // A payment matched through its token has not stored Daraja's ids yet: the callback supplies them.
  const ids: PaymentPatch = payment.checkoutRequestId
    ? {}
    : { checkoutRequestId: callback.checkoutRequestId, merchantRequestId: callback.merchantRequestId };
  const reported: PaymentPatch = {
    resultCode: callback.resultCode,
    resultDesc: callback.resultDesc,
    mpesaAmount: Number.isInteger(callback.amount) ? callback.amount : null,
    mpesaPhone: callback.phone ?? null,
    transactionDate: callback.transactionDate ?? null,
  };

  const transition = async (event: "succeed" | "fail" | "cancel" | "review", patch: PaymentPatch, extra: Record<string, unknown> = {}) => {
    const result = await transitionPayment(tx, { ...base, event, patch: { ...ids, ...patch }, data: { ...data, ...extra }, now });
    return result.kind === "applied"
      ? { outcome: "APPLIED" as const, reason: typeof extra.reason === "string" ? extra.reason : undefined }
      : { outcome: "STALE" as const, reason: `the payment was ${result.from} and could not ${event}` };
  };

  switch (action.kind) {
    case "succeed":
      return transition("succeed", {
        ...reported, mpesaReceipt: callback.receipt ?? null, receiptMissing: callback.receipt === undefined,
        late: action.late, failureCode: null, failureMessage: null,
      }, action.late ? { late: true } : {});
    case "fail":
    case "cancel":
      return transition(action.kind, {
        resultCode: callback.resultCode, resultDesc: callback.resultDesc,
        failureCode: failureCodeFor(callback.resultCode), failureMessage: callback.classification.reason,
      });
    case "review": {
      // A payment that already succeeded keeps what it recorded; the review reason says what clashed.
      const keepReceipt = receiptTaken || payment.mpesaReceipt !== null || callback.receipt === undefined;
      const patch: PaymentPatch = payment.status === "SUCCEEDED"
        ? { reviewReason: action.reason, ...mismatch }
        : { ...reported, ...mismatch, reviewReason: action.reason, ...(keepReceipt ? {} : { mpesaReceipt: callback.receipt }) };
      return transition("review", patch, { reason: action.reason });
    }
    case "fill_receipt": {
      const { count } = await tx.payment.updateMany({
        where: { id: payment.id, status: "SUCCEEDED", mpesaReceipt: null },
        data: { mpesaReceipt: callback.receipt, receiptMissing: false, mpesaPhone: reported.mpesaPhone, transactionDate: reported.transactionDate },
      });
      await recordPaymentEvent(tx, { ...base, type: "receipt_filled", data });
      // The storefront was told of the success without a receipt: it hears of the receipt too.
      if (count === 1) await emitPaymentEvent(tx, await tx.payment.findUniqueOrThrow({ where: { id: payment.id } }), "payment.updated", now);
      return { outcome: "APPLIED" };
    }
    case "duplicate":
      await recordPaymentEvent(tx, { ...base, type: "duplicate", fromStatus: payment.status, data });
      return { outcome: "DUPLICATE" };
    case "stale":
      await recordPaymentEvent(tx, { ...base, type: "stale", fromStatus: payment.status, data: { ...data, reason: action.reason } });
      // A final failure after the deadline confirms the outcome: kept, and no more post-expiry queries.
      if (payment.status === "EXPIRED" && callback.classification.outcome !== "succeeded") {
        await tx.payment.updateMany({ where: { id: payment.id, status: "EXPIRED" }, data: { resultCode: callback.resultCode, resultDesc: callback.resultDesc, nextQueryAt: null } });
      }
      return { outcome: "STALE", reason: action.reason };
  }
}

/** The callback's facts for the timeline; the phone number stays in the payment row only. */
function eventData(callback: ParsedStkCallback): Record<string, unknown> {
  return {
    resultCode: callback.resultCode,
    resultDesc: callback.resultDesc,
    checkoutRequestId: callback.checkoutRequestId,
    merchantRequestId: callback.merchantRequestId,
    amount: callback.amount,
    receipt: callback.receipt,
  };
}
