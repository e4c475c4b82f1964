import { parseDarajaTimestamp } from "../password";
import type { StkPushRequest, TransactionType } from "./types";

/**
 * Field checks of the STK push and query bodies, as Daraja makes them (FACTS.md §2, §9).
 * Each failure names one field; the caller turns it into `400.002.02 Bad Request - Invalid <Field>`.
 * Fields are checked in a fixed order, PhoneNumber before PartyA, so a `07…` number sent in both
 * is reported as "Invalid PhoneNumber" as in the field reports.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; field: string };

const MAX_AMOUNT = 250_000;
const TRANSACTION_TYPES: readonly string[] = ["CustomerPayBillOnline", "CustomerBuyGoodsOnline"];

export function validateStkPush(body: Record<string, unknown>): Checked<StkPushRequest> {
  const shortcode = digits(body.BusinessShortCode, 5, 7);
  if (!shortcode) return fail("BusinessShortCode");
  if (typeof body.Password !== "string" || body.Password === "") return fail("Password");
  const timestamp = timestampOf(body.Timestamp);
  if (!timestamp) return fail("Timestamp");
  if (typeof body.TransactionType !== "string" || !TRANSACTION_TYPES.includes(body.TransactionType)) return fail("TransactionType");
  const amount = amountOf(body.Amount);
  if (amount === null) return fail("Amount");
  const phone = msisdn(body.PhoneNumber);
  if (!phone) return fail("PhoneNumber");
  const partyA = msisdn(body.PartyA);
  if (!partyA) return fail("PartyA");
  const partyB = digits(body.PartyB, 5, 8);
  if (!partyB) return fail("PartyB");
  if (!isCallbackUrl(body.CallBackURL)) return fail("CallBackURL");
  // Mandatory, but its length is not checked here: see push-plan.ts for what > 12 characters does.
  if (typeof body.AccountReference !== "string" || body.AccountReference.trim() === "") return fail("AccountReference");
  const desc = body.TransactionDesc;
  if (desc !== undefined && desc !== null && typeof desc !== "string") return fail("TransactionDesc");
  return {
    ok: true,
    value: {
      businessShortCode: shortcode, password: body.Password, timestamp,
      transactionType: body.TransactionType as TransactionType, amount, partyA, partyB, phoneNumber: phone,
      callBackUrl: body.CallBackURL as string, accountReference: body.AccountReference, transactionDesc: desc ?? null,
    },
  };
}

export interface StkQueryRequest {
  businessShortCode: string;
  password: string;
  timestamp: string;
  checkoutRequestId: string;
}

export function validateStkQuery(body: Record<string, unknown>): Checked<StkQueryRequest> {
  const shortcode = digits(body.BusinessShortCode, 5, 7);
  if (!shortcode) return fail("BusinessShortCode");
  if (typeof body.Password !== "string" || body.Password === "") return fail("Password");
  const timestamp = timestampOf(body.Timestamp);
  if (!timestamp) return fail("Timestamp");
  const id = body.CheckoutRequestID;
  if (typeof id !== "string" || id.trim() === "") return fail("CheckoutRequestID");
  return { ok: true, value: { businessShortCode: shortcode, password: body.Password, timestamp, checkoutRequestId: id } };
}

/** Amount: whole shillings 1..250000, as a JSON number or a string of digits ("1.00" is refused). */
export function amountOf(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_AMOUNT ? n : null;
}

/** A paying MSISDN: 12 digits, 2547… or 2541…, as a number or a string. */
export function msisdn(value: unknown): string | null {
  const text = digits(value, 12, 12);
  return text && /^254[71]/.test(text) ? text : null;
}

/** `YYYYMMDDHHmmss` that is a real calendar date and time. */
export function timestampOf(value: unknown): string | null {
  const text = typeof value === "number" ? String(value) : value;
  return typeof text === "string" && parseDarajaTimestamp(text) ? text : null;
}

/**
 * An http(s) URL with no whitespace anywhere (stray spaces are refused, §10.7) and a lowercase
 * host (an uppercase hostname was refused in 2026, §8). The keyword rule is not enforced: the
 * sandbox was seen delivering STK callbacks to paths containing "mpesa".
 */
export function isCallbackUrl(value: unknown): boolean {
  if (typeof value !== "string" || value.length > 2048 || /\s/.test(value) || !URL.canParse(value)) return false;
  const host = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]+)/i.exec(value)?.[1];
  return host !== undefined && host === host.toLowerCase() && /^https?:$/.test(new URL(value).protocol);
}

function digits(value: unknown, min: number, max: number): string | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  return typeof text === "string" && new RegExp(`^\\d{${min},${max}}$`).test(text) ? text : null;
}

function fail(field: string): { ok: false; field: string } {
  return { ok: false, field };
}
