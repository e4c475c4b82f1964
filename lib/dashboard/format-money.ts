import { VODACOM_MARKETS } from "@/lib/rails/vodacom/markets";

/**
 * Whole Kenya shillings: M-Pesa has no cents, so amounts are integers and are shown without
 * decimals. Grouping is done by hand so server and browser render the same text.
 */
export function formatKes(amount: number): string {
  return `KES ${groupThousands(amount)}`;
}

/**
 * An amount in its currency's minor unit as M-Pesa counts it, with the currency's code: whole
 * shillings for KES and TZS ("TZS 1,500"), hundredths where the market has them ("GHS 15.00").
 * Amounts of different currencies are never added, so each is shown with its own code.
 */
export function formatMoney(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  if (decimals === 0) return `${currency} ${groupThousands(amount)}`;
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(amount));
  const unit = 10 ** decimals;
  return `${sign}${currency} ${groupThousands(Math.trunc(abs / unit))}.${String(abs % unit).padStart(decimals, "0")}`;
}

/** Decimal places of a currency's minor unit on M-Pesa (KES has none; Vodacom's markets say theirs). */
export function currencyDecimals(currency: string): number {
  return Object.values(VODACOM_MARKETS).find((m) => m.currency === currency)?.amountDecimals ?? 0;
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
