"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { auditedPaymentChange } from "@/lib/audit/audited-payment-change";
import { expirePaymentSchema, resolveReviewSchema } from "@/lib/dashboard/admin-schemas";
import { getDb } from "@/lib/db";
import { expirePayment } from "@/lib/payments/expire-payment";
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
