"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { auditedPaymentChange } from "@/lib/payments/audited-payment-change";
import { auditedPaymentRecheck } from "@/lib/reconcile/audited-payment-recheck";
import { resendPrompt, type ResendPromptResult } from "@/lib/charges/resend-prompt";
import { expirePaymentSchema, recheckPaymentSchema, resolveReviewSchema, retryPaymentSchema } from "@/lib/dashboard/admin-schemas";
import { getDb } from "@/lib/db/client";
import { expirePayment } from "@/lib/payments/expire-payment";
import type { RecheckPaymentResult } from "@/lib/reconcile/recheck-payment";
import { resolveReview } from "@/lib/payments/resolve-review";

export const expirePaymentAction = createAction({ name: "payments.expire", schema: expirePaymentSchema, auth: "admin" }, async (input, { user, address }) => {
  const payment = await auditedPaymentChange(getDb(), { paymentId: input.paymentId, action: "payment.expire", actor: user, reason: input.reason, ip: address },
    (tx) => expirePayment(tx, { paymentId: input.paymentId, actorUserId: user.id, reason: input.reason }));
  revalidatePath(`/payments/${payment.id}`);
  return { status: "success", message: `Payment expired (now ${payment.status}). The storefront will be notified.` };
});

export const resolveReviewAction = createAction({ name: "payments.resolve_review", schema: resolveReviewSchema, auth: "admin" }, async (input, { user, address }) => {
  const payment = await auditedPaymentChange(getDb(), { paymentId: input.paymentId, action: "payment.resolve_review", actor: user, reason: input.reason, ip: address },
    (tx) => resolveReview(tx, { paymentId: input.paymentId, outcome: input.outcome, actorUserId: user.id, reason: input.reason }));
  revalidatePath(`/payments/${payment.id}`);
  return { status: "success", message: `Review resolved: the payment is now ${payment.status}. The storefront will be notified.` };
});

// Asks M-Pesa over HTTP, so no transaction is opened here: see auditedPaymentRecheck for where the audit row is written.
export const recheckPaymentAction = createAction({ name: "payments.recheck", schema: recheckPaymentSchema, auth: "admin" }, async (input, { user, address }) => {
  const result = await auditedPaymentRecheck(getDb(), { paymentId: input.paymentId, actor: user, reason: input.reason, ip: address });
  revalidatePath(`/payments/${input.paymentId}`);
  // An unanswered query is recorded and audited, but the admin did not learn anything: say so as an error.
  return { status: result.answer === "error" ? "error" : "success", message: recheckMessage(result) };
});

// Pushes a prompt over HTTP, so no transaction is held open across it: see resendPrompt.
export const retryPaymentAction = createAction({ name: "payments.retry", schema: retryPaymentSchema, auth: "admin" }, async (input, { user, address }) => {
  const result = await resendPrompt(getDb(), { paymentId: input.paymentId, actor: user, reason: input.reason, ip: address });
  revalidatePath(`/payments/${input.paymentId}`);
  return { status: result.kind === "accepted" || result.kind === "unknown" ? "success" : "error", message: retryMessage(result) };
});

function retryMessage(result: ResendPromptResult): string {
  const n = result.attempt.sequence;
  switch (result.kind) {
    case "accepted":
      return `Attempt ${n} sent: the prompt is on the customer's phone (the payment is now ${result.payment.status}). Its outcome will be announced to the storefront as usual.`;
    case "unknown":
      return `Attempt ${n} was sent, but M-Pesa's answer never came: the prompt may be on the phone. Its callback, a status query or the deadline will settle it.`;
    default:
      return `Attempt ${n} could not be sent: ${result.message} The payment is ${result.payment.status} again.`;
  }
}

function recheckMessage({ payment, answer, resultCode, description, outcome }: RecheckPaymentResult): string {
  if (answer === "error") return `M-Pesa did not answer the status query (${description}). Nothing changed; try again in a minute.`;
  if (answer === "pending") return `M-Pesa is still processing this payment (${description}). It stays ${payment.status}.`;
  const said = `M-Pesa answered ResultCode ${resultCode}: ${description}.`;
  if (outcome !== "applied") return `${said} The payment stays ${payment.status}; the answer is on the timeline.`;
  const receipt = payment.receiptMissing ? " The receipt number is not known yet (a query does not carry it): the payment is flagged receipt missing." : "";
  return `${said} The payment is now ${payment.status}.${receipt} The storefront will be notified.`;
}
