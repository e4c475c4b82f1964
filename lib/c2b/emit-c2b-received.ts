import type { Db } from "@/lib/db/client";
import type { Mode } from "@/lib/generated/prisma/client";
import type { C2bFacts } from "@/lib/c2b/c2b-observation";
import type { PublicC2bReceipt } from "@/lib/payments/public-c2b-receipt";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export interface C2bReceivedSubject {
  storefrontId: string;
  mode: Mode;
  currency: string;
  collectionAccountId: string;
  /** The payment it settled; null while unattached. */
  paymentId: string | null;
  facts: C2bFacts;
}

export function serializeC2bReceipt(s: C2bReceivedSubject): PublicC2bReceipt {
  return {
    object: "c2b_receipt",
    receipt: s.facts.receipt,
    status: s.paymentId ? "matched" : "unattached",
    amount: s.facts.amountMinor / 100,
    currency: s.currency,
    bill_ref_number: s.facts.billRefNumber,
    msisdn: s.facts.msisdn,
    transaction_type: s.facts.transactionType,
    trans_time: s.facts.transTime?.toISOString() ?? null,
    collection_account_id: s.collectionAccountId,
    payment_id: s.paymentId,
    mode: s.mode === "LIVE" ? "live" : "test",
  };
}

/** `c2b.received` through the webhook outbox, in the caller's transaction: sent once per new receipt. */
export function emitC2bReceived(tx: Db, subject: C2bReceivedSubject, now: Date) {
  return emitWebhookEvent(tx, { storefrontId: subject.storefrontId, mode: subject.mode, paymentId: subject.paymentId, object: serializeC2bReceipt(subject) }, "c2b.received", now);
}
