import { modeName, plural, type AlertCondition } from "@/lib/alerts/alert-condition";

/**
 * Payments Malipo holds as succeeded that M-Pesa's own ledger does not list (lib/ledger
 * check-ledger-missing.ts): the dangerous case, where an order may have been delivered for money
 * that never arrived. Per mode; it clears when the lines arrive or the payments are settled otherwise.
 */
export const paymentsMissingFromLedger: AlertCondition = {
  kind: "payments_missing_from_ledger",
  title: "Payments missing from M-Pesa's ledger",
  description: "Succeeded payments with no line in M-Pesa's ledger (Pull Transactions, statements) LEDGER_MISSING_AFTER_HOURS after they succeeded: check each against the M-Pesa statement (Payments, filter \"Missing from M-Pesa's ledger\").",
  severity: "critical",
  threshold: { label: "At least", unit: "payments", min: 1, max: 100_000, default: () => 1 },
  async evaluate({ db, threshold }) {
    const groups = await db.payment.groupBy({ by: ["mode"], where: { ledgerMissingAt: { not: null }, status: "SUCCEEDED" }, _count: { _all: true } });
    return groups.filter((g) => g._count._all >= (threshold ?? 1)).map((g) => ({
      subject: g.mode,
      summary: `${plural(g._count._all, `${modeName(g.mode)} payment`)} Malipo holds as paid ${g._count._all === 1 ? "is" : "are"} missing from M-Pesa's ledger: check them against the statement. See Payments, "Missing from M-Pesa's ledger".`,
      details: { mode: modeName(g.mode), count: g._count._all },
    }));
  },
};
