import { parseVodacomAmount, type VodacomMarket } from "../markets";
import { CODE, type SimCode } from "./responses";
import type { C2bRequest } from "./types";

/**
 * Vodacom's checks, with the documented patterns (FACTS.md), in the order the simulator applies
 * them: missing fields, market, currency, service provider, then each value. The first failure wins.
 */

export type Validated<T> = { ok: true; value: T } | { ok: false; code: SimCode };

const CONVERSATION_ID = /^[0-9a-zA-Z \w+]{1,40}$/;
const QUERY_REFERENCE = /^(?:[A-Za-z0-9]{10,20}|[A-Za-z0-9]{1,9}|[A-Za-z0-9]{21,32})$/;
const TRANSACTION_ID = /^[0-9a-zA-Z]{1,20}$/;
const SERVICE_PROVIDER_CODE = /^[0-9A-Za-z]{4,12}$/;
const MSISDN = /^[0-9]{12,14}$/;
const SANDBOX_MSISDN = /^0{11}[1-9]$/;

export interface Account {
  market: VodacomMarket;
  sandbox: boolean;
  serviceProviderCodes: readonly string[];
}

export function validateC2b(body: Record<string, unknown>, account: Account): Validated<C2bRequest & { amountMinor: number }> {
  const fields = ["input_Amount", "input_Country", "input_Currency", "input_CustomerMSISDN", "input_ServiceProviderCode",
    "input_ThirdPartyConversationID", "input_TransactionReference", "input_PurchasedItemsDesc"] as const;
  const values = readStrings(body, fields);
  if (!values) return { ok: false, code: CODE.MISSING_PARAMETERS };
  const common = checkCommon(values.input_Country, values.input_ServiceProviderCode, account);
  if (common) return { ok: false, code: common };
  if (values.input_Currency !== account.market.currency) return { ok: false, code: CODE.INVALID_CURRENCY };
  const amountMinor = amountOf(values.input_Amount, account.market);
  if (amountMinor === null) return { ok: false, code: CODE.INVALID_AMOUNT };
  const msisdn = values.input_CustomerMSISDN;
  const magic = account.sandbox && SANDBOX_MSISDN.test(msisdn);
  if (!magic && !(MSISDN.test(msisdn) && msisdn.startsWith(account.market.callingCode))) return { ok: false, code: CODE.INVALID_MSISDN };
  const reference = values.input_TransactionReference;
  if (reference.length < 1 || reference.length > 20) return { ok: false, code: CODE.INVALID_REFERENCE_LENGTH };
  // Seen in the wild: a reference with surrounding spaces comes back as an internal error.
  if (reference !== reference.trim()) return { ok: false, code: CODE.INTERNAL_ERROR };
  if (!CONVERSATION_ID.test(values.input_ThirdPartyConversationID)) return { ok: false, code: CODE.INVALID_CONVERSATION_ID };
  const description = values.input_PurchasedItemsDesc;
  if (description.length < 1 || description.length > 256) return { ok: false, code: CODE.INVALID_DESCRIPTION };
  return {
    ok: true,
    value: {
      market: account.market.code, amount: values.input_Amount, amountMinor, country: values.input_Country, currency: values.input_Currency,
      msisdn, serviceProviderCode: values.input_ServiceProviderCode, thirdPartyConversationId: values.input_ThirdPartyConversationID,
      reference, description,
    },
  };
}

export interface QueryRequest {
  queryReference: string;
  serviceProviderCode: string;
  thirdPartyConversationId: string;
}

export function validateQuery(params: URLSearchParams, account: Account): Validated<QueryRequest> {
  const values = readStrings(Object.fromEntries(params), ["input_QueryReference", "input_ServiceProviderCode", "input_ThirdPartyConversationID", "input_Country"] as const);
  if (!values) return { ok: false, code: CODE.MISSING_PARAMETERS };
  const common = checkCommon(values.input_Country, values.input_ServiceProviderCode, account);
  if (common) return { ok: false, code: common };
  if (!QUERY_REFERENCE.test(values.input_QueryReference)) return { ok: false, code: CODE.VALIDATION_FAILED };
  if (!CONVERSATION_ID.test(values.input_ThirdPartyConversationID)) return { ok: false, code: CODE.INVALID_CONVERSATION_ID };
  return { ok: true, value: { queryReference: values.input_QueryReference, serviceProviderCode: values.input_ServiceProviderCode, thirdPartyConversationId: values.input_ThirdPartyConversationID } };
}

export interface ReversalRequest {
  transactionId: string;
  serviceProviderCode: string;
  thirdPartyConversationId: string;
  /** null: the whole remaining amount. */
  amountMinor: number | null;
}

export function validateReversal(body: Record<string, unknown>, account: Account): Validated<ReversalRequest> {
  const values = readStrings(body, ["input_TransactionID", "input_ServiceProviderCode", "input_ThirdPartyConversationID", "input_Country"] as const);
  if (!values) return { ok: false, code: CODE.MISSING_PARAMETERS };
  const common = checkCommon(values.input_Country, values.input_ServiceProviderCode, account);
  if (common) return { ok: false, code: common };
  if (!TRANSACTION_ID.test(values.input_TransactionID)) return { ok: false, code: CODE.INVALID_TRANSACTION_ID };
  if (!CONVERSATION_ID.test(values.input_ThirdPartyConversationID)) return { ok: false, code: CODE.INVALID_CONVERSATION_ID };
  let amountMinor: number | null = null;
  if (body.input_ReversalAmount !== undefined) {
    amountMinor = amountOf(body.input_ReversalAmount, account.market);
    if (amountMinor === null) return { ok: false, code: CODE.INVALID_AMOUNT };
  }
  return { ok: true, value: { transactionId: values.input_TransactionID, serviceProviderCode: values.input_ServiceProviderCode, thirdPartyConversationId: values.input_ThirdPartyConversationID, amountMinor } };
}

function checkCommon(country: string, serviceProviderCode: string, account: Account): SimCode | null {
  if (country !== account.market.country) return CODE.INVALID_MARKET;
  if (!SERVICE_PROVIDER_CODE.test(serviceProviderCode) || !account.serviceProviderCodes.includes(serviceProviderCode)) return CODE.INVALID_SHORTCODE;
  return null;
}

/** `^\d*\.?\d+$`, above zero, with no more decimals than the currency has. */
function amountOf(value: unknown, market: VodacomMarket): number | null {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^\d*\.?\d+$/.test(text)) return null;
  const minor = parseVodacomAmount(text, market);
  return minor !== null && minor > 0 ? minor : null;
}

/** The named fields as strings; null when one is missing or empty. Numbers are read as their text. */
function readStrings<K extends string>(body: Record<string, unknown>, keys: readonly K[]): Record<K, string> | null {
  const out = {} as Record<K, string>;
  for (const k of keys) {
    const v = body[k];
    if (typeof v === "number" && Number.isFinite(v)) out[k] = String(v);
    else if (typeof v === "string" && v !== "") out[k] = v;
    else return null;
  }
  return out;
}
