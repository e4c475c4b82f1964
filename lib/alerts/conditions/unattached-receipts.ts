import { modeName, plural, type AlertCondition } from "@/lib/alerts/alert-condition";

/**
 * C2B money that matched no payment (lib/c2b): the customer paid the paybill or till, and until
 * finance attaches the receipt to a payment or marks it a direct payment, no order is credited.
 */
export const unattachedReceipts: AlertCondition = {
  kind: "unattached_receipts",
  title: "Unattached C2B receipts",
  description: "Money paid to a paybill or till that matched no payment by account number and amount: finance attaches it or marks it direct (Receipts).",
  severity: "warning",
  threshold: { label: "At least", unit: "receipts", min: 1, max: 100_000, default: () => 1 },
  async evaluate({ db, threshold }) {
    const groups = await db.unattachedReceipt.groupBy({ by: ["mode"], where: { status: "UNATTACHED" }, _count: { _all: true } });
    return groups.filter((g) => g._count._all >= (threshold ?? 1)).map((g) => ({
      subject: g.mode,
      summary: `${plural(g._count._all, `${modeName(g.mode)} C2B receipt`)} matched no payment: attach each to its payment or mark it a direct payment. See Receipts.`,
      details: { mode: modeName(g.mode), count: g._count._all },
    }));
  },
};
