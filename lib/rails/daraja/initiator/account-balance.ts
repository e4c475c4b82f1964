import { parseAmountMinor } from "../money";

/**
 * M-Pesa's account balance string: accounts joined by `&`, each `Name|Currency|Available|Current|Reserved|Uncleared`,
 * e.g. `Utility Account|KES|7722179.62|7722179.62|0.00|0.00` (in reversal results and Account Balance).
 */
export interface AccountBalance {
  name: string;
  currency: string;
  availableMinor: number | null;
  currentMinor: number | null;
  reservedMinor: number | null;
  unclearedMinor: number | null;
}

export function parseAccountBalances(value: unknown): AccountBalance[] {
  if (typeof value !== "string") return [];
  return value
    .split("&")
    .map((part) => part.split("|").map((s) => s.trim()))
    .filter((fields) => fields.length >= 3 && fields[0] !== "")
    .map(([name = "", currency = "", available, current, reserved, uncleared]) => ({
      name,
      currency,
      availableMinor: parseAmountMinor(available),
      currentMinor: parseAmountMinor(current),
      reservedMinor: parseAmountMinor(reserved),
      unclearedMinor: parseAmountMinor(uncleared),
    }));
}

/** A charge string such as `Fee For B2C Payment|KES|22.40`. */
export function parseCharge(value: unknown): { label: string; currency: string; amountMinor: number | null } | null {
  if (typeof value !== "string") return null;
  const [label = "", currency = "", amount] = value.split("|").map((s) => s.trim());
  return label === "" && amount === undefined ? null : { label, currency, amountMinor: parseAmountMinor(amount) };
}
