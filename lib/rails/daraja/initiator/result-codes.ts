import { normaliseResultCode } from "../result-codes";

/**
 * Result codes of the asynchronous initiator APIs, by code only (the prose varies and some samples
 * pair a failure code with "processed successfully"). Codes are numbers or strings ("R000001",
 * "SFC_IC0003"); some mean different things per product, hence the product argument. Only 0 is a
 * success. `retryable`: the request did nothing and may be sent again later as it is.
 */
export type InitiatorProduct = "transaction_status" | "reversal" | "b2c";

export type InitiatorFailureCause =
  | "already_reversed" | "not_found" | "insufficient_balance" | "credentials" | "credentials_locked" | "permission"
  | "account_inactive" | "limits" | "customer" | "duplicate" | "invalid_request" | "system";

export interface InitiatorResultCodeInfo {
  outcome: "succeeded" | "failed";
  cause: InitiatorFailureCause | null;
  reason: string;
  retryable: boolean;
}

export interface InitiatorResultClassification extends InitiatorResultCodeInfo {
  code: string;
  known: boolean;
}

const fail = (cause: InitiatorFailureCause, reason: string, retryable = false): InitiatorResultCodeInfo => ({ outcome: "failed", cause, reason, retryable });

const COMMON: Readonly<Record<string, InitiatorResultCodeInfo>> = {
  "0": { outcome: "succeeded", cause: null, reason: "Processed successfully", retryable: false },
  "11": fail("account_inactive", "The shortcode is in an invalid state (not active)"),
  "15": fail("duplicate", "M-Pesa detected a duplicate request"),
  "17": fail("system", "M-Pesa had an internal failure", true),
  "18": fail("credentials", "Initiator credential check failed: check the initiator name, password and certificate"),
  "20": fail("credentials", "M-Pesa does not know this initiator"),
  "21": fail("permission", "The initiator lacks the role this API needs"),
  "24": fail("invalid_request", "A mandatory field was missing"),
  "26": fail("system", "M-Pesa was too busy (traffic blocking)", true),
  "29": fail("invalid_request", "Invalid CommandID"),
  "2001": fail("credentials", "The initiator information is invalid: wrong initiator, password or certificate"),
  "2006": fail("account_inactive", "Declined by an account rule: the shortcode is not active"),
  "2028": fail("permission", "Not permitted by the shortcode's product assignment"),
  "8006": fail("credentials_locked", "The initiator's security credential is locked after failed attempts: a business administrator must unlock it"),
};

const BY_PRODUCT: Readonly<Record<InitiatorProduct, Readonly<Record<string, InitiatorResultCodeInfo>>>> = {
  transaction_status: {
    "2032": fail("not_found", "M-Pesa has no transaction with this receipt number"),
    SFC_IC0003: fail("credentials", "The operator (initiator) does not exist"),
  },
  reversal: {
    "1": fail("insufficient_balance", "The Utility account balance is too low to reverse this payment (it may have been swept to the MMF/settlement account)"),
    R000001: fail("already_reversed", "This transaction has already been reversed"),
    R000002: fail("not_found", "The original transaction ID is invalid or not on M-Pesa"),
  },
  b2c: {
    "1": fail("insufficient_balance", "The B2C Utility account balance is too low for this payment: move funds to the Utility account"),
    "2": fail("limits", "The amount is below the B2C minimum"),
    "3": fail("limits", "The amount is above the B2C maximum"),
    "4": fail("limits", "The customer's daily limit would be exceeded"),
    "8": fail("limits", "The customer's maximum balance would be exceeded"),
    "2040": fail("customer", "The customer is not registered on M-Pesa"),
    SFC_IC0003: fail("customer", "The phone number is not on M-Pesa"),
  },
};

export function classifyInitiatorResult(product: InitiatorProduct, code: string | number): InitiatorResultClassification {
  const normalised = normaliseResultCode(code);
  const specific = BY_PRODUCT[product];
  const info = Object.hasOwn(specific, normalised) ? specific[normalised] : Object.hasOwn(COMMON, normalised) ? COMMON[normalised] : undefined;
  if (info) return { ...info, code: normalised, known: true };
  return { outcome: "failed", cause: null, reason: `Unrecognised M-Pesa result code ${normalised || "(empty)"}`, retryable: false, code: normalised, known: false };
}

/** Every code with its meaning per product, for documentation and dashboards. */
export function initiatorResultCodes(product: InitiatorProduct): Readonly<Record<string, InitiatorResultCodeInfo>> {
  return { ...COMMON, ...BY_PRODUCT[product] };
}
