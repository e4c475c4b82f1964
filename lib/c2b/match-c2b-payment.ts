import type { PaymentStatus, Prisma } from "@/lib/generated/prisma/client";
import { FINAL_STATUSES, OPEN_STATUSES } from "@/lib/payments/state";

/**
 * The statuses a C2B payment may settle: an open payment, or one whose prompt came to nothing
 * (expired, failed, cancelled) — the customer who typed the reference from the invoice and paid
 * the paybill by hand. The settle path decides what each becomes (late success, review…).
 */
export const C2B_MATCHABLE_STATUSES: readonly PaymentStatus[] = [...OPEN_STATUSES, ...FINAL_STATUSES.filter((s) => s !== "SUCCEEDED")];

/** Open payments first, then the most recent: the payment the customer most likely meant. */
const PREFERENCE: Record<string, number> = { PENDING: 0, INITIATING: 0, EXPIRED: 1, FAILED: 2, CANCELLED: 2 };

/**
 * The payment of this collection account whose reference is the account number the customer
 * typed (ignoring case and surrounding spaces) and whose amount is the amount paid; null if none.
 */
export async function matchC2bPayment(
  tx: Prisma.TransactionClient,
  { collectionAccountId, billRefNumber, amountMinor }: { collectionAccountId: string; billRefNumber: string | null; amountMinor: number },
): Promise<{ id: string } | null> {
  if (!billRefNumber || amountMinor % 100 !== 0) return null;
  const candidates = await tx.payment.findMany({
    where: { collectionAccountId, reference: { equals: billRefNumber, mode: "insensitive" }, amount: amountMinor / 100, status: { in: [...C2B_MATCHABLE_STATUSES] } },
    select: { id: true, status: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  candidates.sort((a, b) => (PREFERENCE[a.status] ?? 9) - (PREFERENCE[b.status] ?? 9) || b.createdAt.getTime() - a.createdAt.getTime());
  return candidates[0] ? { id: candidates[0].id } : null;
}

/** Whether any payment of the account holds this reference in a matchable status (the validation rule). */
export async function referenceIsOpen(
  db: Prisma.TransactionClient,
  { collectionAccountId, billRefNumber }: { collectionAccountId: string; billRefNumber: string },
): Promise<{ amounts: number[] }> {
  const rows = await db.payment.findMany({
    where: { collectionAccountId, reference: { equals: billRefNumber.trim(), mode: "insensitive" }, status: { in: [...C2B_MATCHABLE_STATUSES] } },
    select: { amount: true },
    take: 20,
  });
  return { amounts: rows.map((r) => r.amount) };
}
