/**
 * Whole Kenya shillings: M-Pesa has no cents, so amounts are integers and are shown without
 * decimals. Grouping is done by hand so server and browser render the same text.
 */
export function formatKes(amount: number): string {
  return `KES ${groupThousands(amount)}`;
}

export function groupThousands(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  return sign + String(Math.trunc(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A share as a percentage with one decimal, or an en dash when there is nothing to divide. */
export function formatRate(numerator: number, denominator: number): string {
  if (denominator === 0) return "–";
  return `${((numerator / denominator) * 100).toFixed(1)}%`;
}

/** Minor units (the ledger's hundredths) as "KES 1,500.00", sign first: statements carry cents. */
export function formatMinor(minor: number, currency: string): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${currency} ${groupThousands(Math.trunc(abs / 100))}.${String(abs % 100).padStart(2, "0")}`;
}
