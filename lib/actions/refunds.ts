"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { Refund } from "@/lib/generated/prisma/client";
import { decideRefund, type RefundDecision } from "@/lib/refunds/decide-refund";
import { requestRefund } from "@/lib/refunds/request-refund";
import { refundDecisionSchema, requestRefundSchema, sendRefundSchema, settleRefundByHandSchema } from "@/lib/refunds/schemas";
import { settleRefundByHand } from "@/lib/refunds/settle-refund-by-hand";
import { sendRefund } from "@/lib/refunds/send-refund";
import { AppError } from "@/lib/errors";

/** Sends an approved refund; a refusal to send (nothing sent) is said in words, the refund stays approved. */
async function trySend(refundId: string, actor: { id: string; email: string }, ip: string | null): Promise<Refund | string> {
  try {
    return await sendRefund(getDb(), getEnv(), { refundId, now: new Date(), actor, ip });
  } catch (error) {
    if (error instanceof AppError) return `Approved, but not sent: ${error.message}`;
    throw error;
  }
}

const actorOf = (user: { id: string; email: string }) => ({ id: user.id, email: user.email, via: "dashboard" as const });

/** Admins only, as every refund step: finance users see refunds, they neither ask for nor decide them. */
export const requestRefundAction = createAction({ name: "refunds.request", schema: requestRefundSchema, auth: "admin" }, async (input, { user, address }) => {
  const { refund, approved } = await requestRefund(getDb(), { paymentId: input.paymentId, amount: input.amount, reason: input.reason, actor: actorOf(user), ip: address, now: new Date(), env: getEnv() });
  const sent = approved ? await trySend(refund.id, user, address) : null;
  revalidatePath(`/payments/${input.paymentId}`);
  if (typeof sent === "string") return { status: "error", message: sent };
  return { status: sent?.status === "FAILED" ? "error" : "success", message: sent ? sentMessage(sent) : `Refund of KES ${refund.amount} requested: a second admin approves it before it is sent.` };
});

const decide = (decision: RefundDecision) => createAction({ name: `refunds.${decision}`, schema: refundDecisionSchema, auth: "admin" }, async (input, { user, address }) => {
  const decided = await decideRefund(getDb(), { refundId: input.refundId, decision, reason: input.reason, actor: actorOf(user), ip: address, now: new Date() });
  const sent = decision === "approve" ? await trySend(decided.id, user, address) : null;
  revalidatePath(`/payments/${input.paymentId}`);
  if (typeof sent === "string") return { status: "error", message: sent };
  if (sent) return { status: sent.status === "FAILED" ? "error" : "success", message: sentMessage(sent) };
  return { status: "success", message: decision === "reject" ? "Refund rejected." : "Refund cancelled." };
});

export const approveRefundAction = decide("approve");
export const rejectRefundAction = decide("reject");
export const cancelRefundAction = decide("cancel");

/** An approved refund that could not be sent (the operator or settings were not ready) is sent again from here. */
export const sendRefundAction = createAction({ name: "refunds.send", schema: sendRefundSchema, auth: "admin" }, async (input, { user, address }) => {
  const sent = await sendRefund(getDb(), getEnv(), { refundId: input.refundId, now: new Date(), actor: user, ip: address });
  revalidatePath(`/payments/${input.paymentId}`);
  return { status: sent.status === "FAILED" ? "error" : "success", message: sentMessage(sent) };
});

/** A sent refund M-Pesa never answered, settled from what the org portal shows (with a reason, audited). */
export const settleRefundByHandAction = createAction({ name: "refunds.settle_by_hand", schema: settleRefundByHandSchema, auth: "admin" }, async (input, { user, address }) => {
  const finding = input.finding === "refunded" ? { kind: "refunded" as const, receipt: input.receipt ?? "" } : { kind: "not_refunded" as const };
  const settled = await settleRefundByHand(getDb(), {
    refundId: input.refundId, finding, reason: input.reason, actor: { id: user.id, email: user.email }, ip: address, now: new Date(), checkAfterMinutes: getEnv().refunds.checkAfterMinutes,
  });
  revalidatePath(`/payments/${input.paymentId}`);
  return { status: "success", message: settled.status === "SUCCEEDED" ? `Recorded as refunded: receipt ${settled.mpesaReceipt}.` : "Recorded as not refunded: the amount may be refunded again." };
});

function sentMessage(refund: Refund): string {
  const what = refund.method === "b2c" ? "B2C payment" : "reversal";
  if (refund.status === "FAILED") return refund.failureReason ?? `M-Pesa did not take the ${what}.`;
  if (refund.status === "SUCCEEDED") return `Refunded: ${what} receipt ${refund.mpesaReceipt ?? "(pending)"}.`;
  if (refund.outcomeUnknown) return `Sent, but whether M-Pesa took the ${what} is unknown: Malipo asks M-Pesa and never marks it failed meanwhile.`;
  return `Sent to M-Pesa as a ${what}: its result comes within a few seconds (reload the page).`;
}
