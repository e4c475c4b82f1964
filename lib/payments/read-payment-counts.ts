import type { Db } from "@/lib/db/client";
import type { Mode, PaymentStatus } from "@/lib/generated/prisma/client";
import { ALL_STATUSES, isFinalStatus } from "@/lib/payments/state";
import { EVERY_MODE } from "@/lib/payments/every-mode";

export interface PaymentCount {
  status: PaymentStatus;
  mode: Mode;
  count: number;
}

export interface PaymentCounts {
  /** Every payment not in a final state (still open, or in review), whatever its age. */
  open: PaymentCount[];
  /** Payments created in the last 24 hours, by the state they are in now. */
  recent: PaymentCount[];
}

/**
 * Two grouped counts that stay cheap on a large table, each naming both modes so an index's leading
 * column is used: open payments are few and found through (mode, status, created_at); the last
 * day's through (mode, created_at). An all-time count by status would scan every payment.
 */
export async function readPaymentCounts(db: Db, { now }: { now: Date }): Promise<PaymentCounts> {
  const since = new Date(now.getTime() - 24 * 3600_000);
  const openStatuses = ALL_STATUSES.filter((s) => !isFinalStatus(s));
  const [open, recent] = await Promise.all([
    db.payment.groupBy({ by: ["status", "mode"], where: { mode: { in: [...EVERY_MODE] }, status: { in: [...openStatuses] } }, _count: { _all: true } }),
    db.payment.groupBy({ by: ["status", "mode"], where: { mode: { in: [...EVERY_MODE] }, createdAt: { gte: since } }, _count: { _all: true } }),
  ]);
  const rows = (groups: typeof open) => groups.map((g) => ({ status: g.status, mode: g.mode, count: g._count._all }));
  return { open: rows(open), recent: rows(recent) };
}
