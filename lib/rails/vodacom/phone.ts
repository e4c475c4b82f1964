import { VODACOM_MARKETS, type VodacomMarket } from "./markets";

// input_CustomerMSISDN is the calling code and subscriber number, digits only (FACTS.md, C2B).

export type MsisdnResult = { ok: true; msisdn: string } | { ok: false; message: string };

// Separators people type between digit groups; anything else is a mistake worth reporting.
const SEPARATORS = /[\s\-.()]/g;
/** The sandbox's magic customer numbers (`000000000001`…`…09`): valid only against the sandbox. */
export const SANDBOX_MSISDN = /^0{11}[1-9]$/;

/**
 * Normalises a mobile number of the market to `<calling code><subscriber>`, accepting the ways
 * people write it (for Tanzania: `0754 123 456`, `754123456`, `+255 754 123 456`, `255754123456`),
 * or says what is wrong with it.
 */
export function normalizeMarketPhone(input: unknown, market: VodacomMarket): MsisdnResult {
  if (typeof input !== "string") return fail(market, "must be text");
  const compact = input.replace(SEPARATORS, "");
  if (compact === "") return fail(market, "is empty");
  if (/\p{L}/u.test(compact)) return fail(market, "must not contain letters");
  if (!/^(\+|00)?\d+$/.test(compact)) {
    return compact.slice(1).includes("+")
      ? fail(market, "may only have a + at the start")
      : fail(market, "may only contain digits, spaces, dashes, dots, parentheses and a leading +");
  }

  // "+255…" and "00255…" are the same international form.
  const international = compact.startsWith("+") || (compact.startsWith("00") && compact.length > market.subscriberDigits + 1);
  const digits = compact.startsWith("+") ? compact.slice(1) : international ? compact.slice(2) : compact;
  let subscriber: string;
  if (digits.startsWith(market.callingCode) && digits.length > market.subscriberDigits) {
    subscriber = digits.slice(market.callingCode.length);
    // "+255 (0)754…" is common on paper, but ambiguous enough to ask for a clean number.
    if (subscriber.startsWith("0")) return fail(market, `must not have a 0 after the country code ${market.callingCode}`);
  } else if (international) {
    return fail(market, `must be a ${countryOf(market)} number (+${market.callingCode}…)`);
  } else if (digits.startsWith("0")) {
    subscriber = digits.slice(1);
  } else {
    subscriber = digits;
  }

  if (subscriber === "") return fail(market, "is too short");
  if (!market.mobilePrefix.test(subscriber)) {
    return fail(market, `is not a ${countryOf(market)} mobile number (write it like ${market.example} or +${market.callingCode}…)`);
  }
  const off = subscriber.length - market.subscriberDigits;
  if (off < 0) return fail(market, `is too short (${digitCount(-off)} missing)`);
  if (off > 0) return fail(market, `is too long (${digitCount(off)} too many)`);
  return { ok: true, msisdn: market.callingCode + subscriber };
}

/** Tanzanian mobile numbers in any common format → `255XXXXXXXXX`. */
export function normalizeTanzanianPhone(input: unknown): MsisdnResult {
  return normalizeMarketPhone(input, VODACOM_MARKETS.TZN);
}

function countryOf(market: VodacomMarket): string {
  return market.name.replace(/^Voda(com|fone) /, "");
}

function fail(market: VodacomMarket, problem: string): MsisdnResult {
  return { ok: false, message: `${countryOf(market)} phone number ${problem}` };
}

function digitCount(n: number): string {
  return `${n} digit${n === 1 ? "" : "s"}`;
}
