// One OpenAPI serves several Vodacom markets; only the path context, country and currency differ (FACTS.md).

export type VodacomMarketCode = "TZN" | "GHA" | "LES" | "DRC" | "MOZ";
export type VodacomEnvironment = "sandbox" | "openapi";
export type VodacomApi = "getSession" | "c2bPayment/singleStage" | "queryTransactionStatus" | "reversal";

export interface VodacomMarket {
  code: VodacomMarketCode;
  name: string;
  /** The path segment, e.g. `vodacomTZN`. */
  context: string;
  /** `input_Country`. */
  country: VodacomMarketCode;
  /** `input_Currency`, ISO 4217. */
  currency: string;
  /** Decimal places M-Pesa uses for the currency: our minor unit is 10^-decimals of it. */
  amountDecimals: number;
  callingCode: string;
  /** Digits after the calling code. */
  subscriberDigits: number;
  /** First digit(s) of a mobile subscriber number (after the calling code, without trunk 0). */
  mobilePrefix: RegExp;
  /** How a person writes a mobile number there, for error messages. */
  example: string;
}

export const VODACOM_MARKETS: Readonly<Record<VodacomMarketCode, VodacomMarket>> = {
  TZN: {
    code: "TZN", name: "Vodacom Tanzania", context: "vodacomTZN", country: "TZN", currency: "TZS", amountDecimals: 0,
    callingCode: "255", subscriberDigits: 9, mobilePrefix: /^[67]/, example: "0754 123 456",
  },
  GHA: {
    code: "GHA", name: "Vodafone Ghana", context: "vodafoneGHA", country: "GHA", currency: "GHS", amountDecimals: 2,
    callingCode: "233", subscriberDigits: 9, mobilePrefix: /^[25]/, example: "020 123 4567",
  },
  LES: {
    code: "LES", name: "Vodacom Lesotho", context: "vodacomLES", country: "LES", currency: "LSL", amountDecimals: 2,
    callingCode: "266", subscriberDigits: 8, mobilePrefix: /^[56]/, example: "5012 3456",
  },
  DRC: {
    code: "DRC", name: "Vodacom DR Congo", context: "vodacomDRC", country: "DRC", currency: "USD", amountDecimals: 2,
    callingCode: "243", subscriberDigits: 9, mobilePrefix: /^[89]/, example: "081 234 5678",
  },
  MOZ: {
    code: "MOZ", name: "Vodacom Mozambique", context: "vodacomMOZ", country: "MOZ", currency: "MZN", amountDecimals: 2,
    callingCode: "258", subscriberDigits: 9, mobilePrefix: /^8/, example: "84 123 4567",
  },
};

export function isVodacomMarketCode(value: unknown): value is VodacomMarketCode {
  return typeof value === "string" && Object.hasOwn(VODACOM_MARKETS, value);
}

/** `https://openapi.m-pesa.com/sandbox/ipg/v2/vodacomTZN/getSession/`: the trailing slash is part of the path. */
export function vodacomApiUrl(baseUrl: string, environment: VodacomEnvironment, market: VodacomMarket, api: VodacomApi): string {
  return `${baseUrl.replace(/\/+$/, "")}/${environment}/ipg/v2/${market.context}/${api}/`;
}

/** An integer in the market's minor unit as the decimal string `input_Amount` wants: 1500 → "1500" (TZS), "15.00" (GHS). */
export function formatVodacomAmount(amountMinor: number, market: VodacomMarket): string {
  if (market.amountDecimals === 0) return String(amountMinor);
  const digits = String(amountMinor).padStart(market.amountDecimals + 1, "0");
  return `${digits.slice(0, -market.amountDecimals)}.${digits.slice(-market.amountDecimals)}`;
}

/** Reads `input_Amount`-style text back into minor units; null when it is not a plain non-negative amount. */
export function parseVodacomAmount(text: unknown, market: VodacomMarket): number | null {
  if (typeof text !== "string" && typeof text !== "number") return null;
  const value = String(text).trim();
  const match = /^(\d*)(?:\.(\d+))?$/.exec(value);
  if (!match || value === "" || value === ".") return null;
  const [, whole = "", fraction = ""] = match;
  if (fraction.replace(/0+$/, "").length > market.amountDecimals) return null;
  const minor = Number((whole || "0") + fraction.padEnd(market.amountDecimals, "0").slice(0, market.amountDecimals));
  return Number.isSafeInteger(minor) ? minor : null;
}
