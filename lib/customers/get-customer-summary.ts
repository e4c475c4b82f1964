import type { Db } from "@/lib/db/client";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { dbModeOf, type PublicMode } from "@/lib/payments/public-payment";

export interface CustomerSummary {
  /** Payments prompted to the number in this mode. */
  payments: number;
  byStatus: Partial<Record<PaymentStatus, number>>;
  /** Money received, per currency (amounts are never added across currencies). */
  paid: { currency: string; amount: number; count: number }[];
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  lastPaidAt: Date | null;
  storefronts: { id: string; name: string }[];
  /** Payments of the number in the other mode: the page says they exist, without showing them. */
  otherModePayments: number;
}

/**
 * What finance staff want to know about a number before they call the customer back: how often it
 * paid, how much, when it was first and last prompted, where. One grouped pass over the number's
 * payments (served by the phone index).
 */
export async function getCustomerSummary(db: Db, { phone, mode }: { phone: string; mode: PublicMode }): Promise<CustomerSummary> {
  const dbMode = dbModeOf(mode);
  const [groups, storefronts, other] = await Promise.all([
    db.$queryRaw<{ status: PaymentStatus; currency: string; count: number; amount: bigint | number | null; first_seen: Date; last_seen: Date; last_completed: Date | null }[]>`
      SELECT status::text AS status, currency, count(*)::int AS count, sum(amount)::bigint AS amount,
             min(created_at) AS first_seen, max(created_at) AS last_seen, max(completed_at) AS last_completed
        FROM payments WHERE phone = ${phone} AND mode = ${dbMode}::"Mode"
       GROUP BY status, currency`,
    db.$queryRaw<{ id: string; name: string }[]>`
      SELECT s.id, s.name FROM storefronts s
       WHERE EXISTS (SELECT 1 FROM payments p WHERE p.storefront_id = s.id AND p.phone = ${phone} AND p.mode = ${dbMode}::"Mode")
       ORDER BY s.name, s.id`,
    db.payment.count({ where: { phone, mode: dbMode === "LIVE" ? "TEST" : "LIVE" } }),
  ]);
  const byStatus: Partial<Record<PaymentStatus, number>> = {};
  const paid = new Map<string, { currency: string; amount: number; count: number }>();
  let firstSeenAt: Date | null = null;
  let lastSeenAt: Date | null = null;
  let lastPaidAt: Date | null = null;
  for (const g of groups) {
    byStatus[g.status] = (byStatus[g.status] ?? 0) + g.count;
    if (!firstSeenAt || g.first_seen < firstSeenAt) firstSeenAt = g.first_seen;
    if (!lastSeenAt || g.last_seen > lastSeenAt) lastSeenAt = g.last_seen;
    if (g.status !== "SUCCEEDED") continue;
    const entry = paid.get(g.currency) ?? { currency: g.currency, amount: 0, count: 0 };
    entry.amount += Number(g.amount ?? 0);
    entry.count += g.count;
    paid.set(g.currency, entry);
    if (g.last_completed && (!lastPaidAt || g.last_completed > lastPaidAt)) lastPaidAt = g.last_completed;
  }
  return {
    payments: groups.reduce((n, g) => n + g.count, 0),
    byStatus, paid: [...paid.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    firstSeenAt, lastSeenAt, lastPaidAt, storefronts, otherModePayments: other,
  };
}
