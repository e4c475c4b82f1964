import { eat, modeName, plural, type AlertCondition } from "@/lib/alerts/alert-condition";

/**
 * Refunds a person still has to act on: asked for and not yet approved by a second admin, or
 * approved and not sent (Daraja could not be reached when it was; an admin sends it again). The
 * customer waits for their money meanwhile, and nobody else is told.
 */
export const refundsAwaitingApproval: AlertCondition = {
  kind: "refunds_awaiting_approval",
  title: "Refunds waiting for an admin",
  description: "Refunds asked for and not approved (or approved and not sent) this long: a second admin approves or rejects them on the payment's page (listed in Needs attention).",
  severity: "warning",
  threshold: { label: "Waiting for more than", unit: "minutes", min: 1, max: 7 * 24 * 60, default: () => 60 },
  async evaluate({ db, now, threshold }) {
    const before = new Date(now.getTime() - (threshold ?? 60) * 60_000);
    const groups = await db.refund.groupBy({
      by: ["mode"], where: { status: { in: ["REQUESTED", "APPROVED"] }, updatedAt: { lt: before } }, _count: { _all: true }, _min: { createdAt: true },
    });
    return groups.map((g) => ({
      subject: g.mode,
      summary: `${plural(g._count._all, `${modeName(g.mode)} refund`)} waiting for an admin for more than ${threshold ?? 60} min (oldest asked ${eat(g._min.createdAt!)}). See Needs attention.`,
      details: { mode: modeName(g.mode), count: g._count._all, oldestCreatedAt: g._min.createdAt!.toISOString() },
    }));
  },
};
