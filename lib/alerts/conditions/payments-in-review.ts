import { modeName, plural, type AlertCondition } from "@/lib/alerts/alert-condition";
import { EVERY_MODE } from "@/lib/payments/every-mode";

/** Payments in REVIEW (an amount or outcome in dispute) wait for a person, per mode. */
export const paymentsInReview: AlertCondition = {
  kind: "payments_in_review",
  title: "Payments in review",
  description: "Payments whose amount, phone or outcome M-Pesa disputes: only an admin can resolve them (Needs attention).",
  severity: "warning",
  threshold: { label: "At least", unit: "payments", min: 1, max: 100_000, default: () => 1 },
  async evaluate({ db, threshold }) {
    const groups = await db.payment.groupBy({ by: ["mode"], where: { mode: { in: [...EVERY_MODE] }, status: "REVIEW" }, _count: { _all: true } });
    return groups.filter((g) => g._count._all >= (threshold ?? 1)).map((g) => ({
      subject: g.mode,
      summary: `${plural(g._count._all, `${modeName(g.mode)} payment`)} in review, waiting for an admin to resolve. See Needs attention.`,
      details: { mode: modeName(g.mode), count: g._count._all },
    }));
  },
};
