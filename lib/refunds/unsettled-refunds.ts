import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Refunds sent to M-Pesa and still unsettled whose last sending is older than `before`: PENDING
 * means sent, and no "send" on its timeline since `before` means the last one is older (its
 * `updatedAt` moves with every status check, so it cannot tell). The alert, Needs attention and
 * settling by hand all judge "sent a while ago and not answered" by this one condition.
 */
export function sentBefore(before: Date): Prisma.RefundWhereInput {
  return { status: "PENDING", events: { none: { type: "send", createdAt: { gte: before } } } };
}

/** The instant before which a refund's last sending makes its result overdue (REFUND_CHECK_AFTER_MINUTES). */
export function resultOverdueBefore(checkAfterMinutes: number, now = new Date()): Date {
  return new Date(now.getTime() - checkAfterMinutes * 60_000);
}

/** Sent refunds a person may now look at: their outcome is known to be unknown, or their result is overdue. */
export function unsettledRefundWhere(now: Date, checkAfterMinutes: number): Prisma.RefundWhereInput {
  return { status: "PENDING", OR: [{ outcomeUnknown: true }, sentBefore(new Date(now.getTime() - checkAfterMinutes * 60_000))] };
}
