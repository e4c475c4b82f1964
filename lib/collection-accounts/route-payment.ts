import { VODACOM_RAIL } from "@/lib/collection-accounts/vodacom-account-settings";
import { AMOUNT_MAX_KES, AMOUNT_MIN_KES } from "@/lib/rails/daraja/limits";
import { normalizeKenyanPhone } from "@/lib/phone/kenyan-phone";
import type { RailKind } from "@/lib/rails/rail";
import { VODACOM_MARKETS, type VodacomMarketCode } from "@/lib/rails/vodacom/markets";
import { normalizeMarketPhone, SANDBOX_MSISDN } from "@/lib/rails/vodacom/phone";

/**
 * Which of a storefront's accounts a new payment goes to, decided from the request alone (pure, so
 * the rule is tested without a database). The candidates are the storefront's enabled default
 * accounts of the key's mode, one per rail, Daraja (M-Pesa Kenya) first; or the one account the
 * request names. The request may narrow them by rail and by currency; then the phone number's
 * country chooses: the first candidate whose phone rules take the number wins. A local number
 * both countries could have (07…) therefore goes to M-Pesa Kenya when the storefront has it, as it
 * always did; `+255…`/`255…`, a Tanzania-only prefix (06…), `rail: "vodacom_c2b"` or
 * `currency: "TZS"` send it to Vodacom Tanzania. Every refusal is a 422 naming the field, made
 * before anything is stored or sent.
 */

export interface RouteCandidate {
  accountId: string;
  rail: RailKind;
  /** ISO 4217, the account's (KES for Daraja, the market's for Vodacom). */
  currency: string;
  /** Vodacom accounts: the market whose numbers it takes. */
  market?: VodacomMarketCode;
  /** Vodacom sandbox accounts also take the sandbox's test numbers (000000000001…). */
  sandbox?: boolean;
  /** Vodacom: the app's single-transaction limit (VODACOM_MAX_AMOUNT), in minor units; null: none of ours. */
  maxAmount?: number | null;
}

export interface RouteRequest {
  phone: string;
  amount: number;
  rail?: RailKind;
  currency?: string;
  /** The candidates are the one account the request named (`collection_account`), not the storefront's defaults. */
  named?: boolean;
}

export type RouteDecision =
  | { ok: true; accountId: string; rail: RailKind; currency: string; phone: string }
  | { ok: false; param: "phone" | "rail" | "currency" | "amount" | "collection_account"; message: string };

/** The currencies any rail of this gateway settles in: anything else is unknown, whatever the storefront has. */
export const KNOWN_CURRENCIES: readonly string[] = [...new Set(["KES", ...Object.values(VODACOM_MARKETS).map((m) => m.currency)])];

const RAIL_NAMES: Record<RailKind, string> = { daraja_stk: "M-Pesa Kenya (Daraja STK Push)", vodacom_c2b: "Vodacom M-Pesa OpenAPI" };

export function routePayment(request: RouteRequest, candidates: readonly RouteCandidate[]): RouteDecision {
  if (request.currency !== undefined && !KNOWN_CURRENCIES.includes(request.currency)) {
    return { ok: false, param: "currency", message: `currency: ${request.currency} is not a currency this gateway collects (${KNOWN_CURRENCIES.join(", ")})` };
  }
  let open = [...candidates];
  if (request.rail !== undefined) {
    open = open.filter((c) => c.rail === request.rail);
    if (open.length === 0) return { ok: false, param: "rail", message: `rail: this storefront has no enabled ${RAIL_NAMES[request.rail]} account in this mode` };
  }
  if (request.currency !== undefined) {
    const currency = request.currency;
    const before = open;
    open = open.filter((c) => c.currency === currency);
    if (open.length === 0) {
      const offered = [...new Set(before.map((c) => c.currency))].join(", ") || "none";
      return { ok: false, param: "currency", message: `currency: this storefront collects no ${currency} in this mode${before.length ? ` through the chosen rail (it collects ${offered})` : ""}` };
    }
  }
  if (open.length === 0) return { ok: false, param: "phone", message: "This storefront has no enabled collection account in this mode" };

  for (const candidate of open) {
    const phone = phoneFor(candidate, request.phone);
    if (phone.ok) {
      const amount = amountProblem(candidate, request.amount);
      if (amount) return { ok: false, param: "amount", message: `amount: ${amount}` };
      return { ok: true, accountId: candidate.accountId, rail: candidate.rail, currency: candidate.currency, phone: phone.phone };
    }
  }
  const country = countryOfNumber(request.phone);
  if (country && request.named) {
    return { ok: false, param: "phone", message: `phone: a number of ${country.name}, which the collection account named does not take (it is a ${RAIL_NAMES[open[0]!.rail]} account)` };
  }
  if (country) {
    return { ok: false, param: "phone", message: `phone: a number of ${country.name}, but this storefront has no enabled ${country.rail} account for it in this mode${request.rail || request.currency ? " among the ones asked for" : ""}` };
  }
  // Not a mobile number of any market: the first candidate's own words say what is wrong.
  const first = phoneFor(open[0]!, request.phone);
  return { ok: false, param: "phone", message: `phone: ${first.ok ? "is not a mobile number this storefront can charge" : first.message}` };
}

type PhoneResult = { ok: true; phone: string } | { ok: false; message: string };

function phoneFor(candidate: RouteCandidate, input: string): PhoneResult {
  if (candidate.rail === VODACOM_RAIL) {
    if (candidate.sandbox && SANDBOX_MSISDN.test(input.trim())) return { ok: true, phone: input.trim() };
    const result = normalizeMarketPhone(input, VODACOM_MARKETS[candidate.market ?? "TZN"]);
    return result.ok ? { ok: true, phone: result.msisdn } : result;
  }
  return normalizeKenyanPhone(input);
}

/** The rails' own amount rules, so a payment the provider would refuse is never stored. */
function amountProblem(candidate: RouteCandidate, amount: number): string | null {
  if (!Number.isSafeInteger(amount) || amount < 1) return `must be a whole number, at least 1 ${candidate.currency}`;
  if (candidate.rail === "daraja_stk" && (amount < AMOUNT_MIN_KES || amount > AMOUNT_MAX_KES)) {
    return `must be at most KES ${AMOUNT_MAX_KES.toLocaleString("en-KE")} per transaction`;
  }
  if (candidate.maxAmount && amount > candidate.maxAmount) return `must be at most ${candidate.currency} ${candidate.maxAmount} per transaction on this account`;
  return null;
}

/** The country a number can only belong to, for a refusal that says which rail is missing. */
function countryOfNumber(input: string): { name: string; rail: string } | null {
  if (normalizeKenyanPhone(input).ok) return { name: "Kenya", rail: RAIL_NAMES.daraja_stk };
  for (const market of Object.values(VODACOM_MARKETS)) {
    if (normalizeMarketPhone(input, market).ok) return { name: market.name.replace(/^Voda(com|fone) /, ""), rail: `${market.name} (Vodacom M-Pesa OpenAPI)` };
  }
  if (SANDBOX_MSISDN.test(input.trim())) return { name: "the Vodacom sandbox", rail: "Vodacom sandbox" };
  return null;
}
