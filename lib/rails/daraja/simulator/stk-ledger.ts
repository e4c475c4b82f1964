import { confirmStkPayment } from "./c2b-payment";
import type { SimulatorContext } from "./context";
import { customerName } from "./customers";
import type { PushRecord } from "./types";

/**
 * A paid STK push is money on the organisation's Utility account like any other: it goes into the
 * simulated ledger (so Pull, Transaction Status, reversals and statements see it) and, when C2B
 * URLs are registered, M-Pesa also sends its C2B confirmation.
 */
export function recordStkPayment(ctx: SimulatorContext, push: PushRecord): void {
  const result = push.result;
  if (!result?.receipt || result.amount === null) return;
  const { request } = push;
  const tx = ctx.ledger.transactions.add({
    receipt: result.receipt,
    kind: "stk",
    shortcode: request.businessShortCode,
    paidTo: request.partyB,
    channel: request.transactionType === "CustomerBuyGoodsOnline" ? "till" : "paybill",
    amount: result.amount,
    msisdn: request.phoneNumber,
    customer: customerName(request.phoneNumber),
    billRef: request.accountReference,
    initiatedAt: push.createdAt,
    completedAt: result.at,
    linkedReceipt: null,
    originatorConversationId: push.merchantRequestId,
    conversationId: push.checkoutRequestId,
    via: "customer",
  });
  confirmStkPayment(ctx, tx);
}
