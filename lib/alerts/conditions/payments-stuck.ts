import { eat, modeName, plural, type AlertCondition } from "@/lib/alerts/alert-condition";
import { stuckAfterSeconds } from "@/lib/payments/stuck-threshold";
import { ALL_STATUSES, isFinalStatus } from "@/lib/payments/state";
import { EVERY_MODE } from "@/lib/payments/every-mode";

// Unsettled and still waiting for M-Pesa (REVIEW waits for a person: its own condition).
const WAITING = ALL_STATUSES.filter((s) => !isFinalStatus(s) && s !== "REVIEW");

/** Payments still waiting for M-Pesa's answer long after they were created, per mode. */
export const paymentsStuck: AlertCondition = {
  kind: "payments_stuck",
  title: "Payments stuck",
  description: "Payments still initiating or pending this long after creation: callbacks are not arriving and status queries are not settling them.",
  severity: "critical",
  threshold: { label: "Unsettled for more than", unit: "minutes", min: 1, max: 24 * 60, default: (env) => Math.round(stuckAfterSeconds(env) / 60) },
  async evaluate({ db, now, threshold }) {
    const before = new Date(now.getTime() - (threshold ?? 5) * 60_000);
    const groups = await db.payment.groupBy({
      by: ["mode"], where: { mode: { in: [...EVERY_MODE] }, status: { in: [...WAITING] }, createdAt: { lt: before } }, _count: { _all: true }, _min: { createdAt: true },
    });
    return groups.map((g) => ({
      subject: g.mode,
      summary: `${plural(g._count._all, `${modeName(g.mode)} payment`)} unsettled for more than ${threshold} min (oldest created ${eat(g._min.createdAt!)}). See Needs attention.`,
      details: { mode: modeName(g.mode), count: g._count._all, oldestCreatedAt: g._min.createdAt!.toISOString() },
    }));
  },
};
