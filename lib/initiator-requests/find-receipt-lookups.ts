import type { Db } from "@/lib/db/client";
import type { InitiatorRequestState } from "@/lib/generated/prisma/client";

/** One Transaction Status lookup as the dashboard shows it. */
export interface ReceiptLookupView {
  id: string;
  receipt: string | null;
  state: InitiatorRequestState;
  summary: string | null;
  resultCode: string | null;
  ledgerLineId: string | null;
  requestedByEmail: string;
  reason: string;
  createdAt: Date;
  answeredAt: Date | null;
}

/** The lookups asked for a payment, newest first (at most 20: they are a person's, not a feed). */
export async function findReceiptLookups(db: Db, { paymentId }: { paymentId: string }): Promise<ReceiptLookupView[]> {
  const rows = await db.initiatorRequest.findMany({ where: { paymentId, operation: "transaction_status" }, orderBy: { createdAt: "desc" }, take: 20 });
  return rows.map((r) => ({
    id: r.id, receipt: r.receipt, state: r.state, summary: r.summary ?? r.resultDesc, resultCode: r.resultCode,
    ledgerLineId: r.ledgerLineId === null ? null : String(r.ledgerLineId), requestedByEmail: r.requestedByEmail, reason: r.reason,
    createdAt: r.createdAt, answeredAt: r.answeredAt,
  }));
}
