import { eat, modeName, plural, type AlertCondition } from "@/lib/alerts/alert-condition";
import { sentBefore } from "@/lib/refunds/unsettled-refunds";

/**
 * Refunds sent to M-Pesa whose outcome is still not known long after: the worker keeps asking
 * (Transaction Status, the ledger), but money may have left, and only M-Pesa's answer or its
 * statement settles it. Critical: a customer may be refunded and not know it, or not refunded.
 */
export const refundsUnsettled: AlertCondition = {
  kind: "refunds_unsettled",
  title: "Refunds unsettled",
  description: "Refunds sent to M-Pesa whose result has not settled them this long after: check the worker's status checks, the org portal, or import the day's statement.",
  severity: "critical",
  threshold: { label: "Unsettled for more than", unit: "minutes", min: 5, max: 7 * 24 * 60, default: () => 120 },
  async evaluate({ db, now, threshold }) {
    const before = new Date(now.getTime() - (threshold ?? 120) * 60_000);
    const groups = await db.refund.groupBy({
      by: ["mode"], where: sentBefore(before), _count: { _all: true }, _min: { createdAt: true },
    });
    return groups.map((g) => ({
      subject: g.mode,
      summary: `${plural(g._count._all, `${modeName(g.mode)} refund`)} sent to M-Pesa more than ${threshold ?? 120} min ago and still unsettled (oldest asked ${eat(g._min.createdAt!)}). See Needs attention.`,
      details: { mode: modeName(g.mode), count: g._count._all, oldestCreatedAt: g._min.createdAt!.toISOString() },
    }));
  },
};
