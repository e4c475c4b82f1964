import { z } from "zod";
import { findControlCharacter } from "@/lib/net/control-characters";
import { parseDarajaTimestamp } from "./password";
import { normalizeKenyanPhone } from "@/lib/phone/kenyan-phone";
import { classifyResultCode, normaliseResultCode, type ResultClassification } from "./result-codes";

// Every STK callback shape seen since 2017 (FACTS.md §4): tolerant of types, read by Name.

const idSchema = z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1, "must not be empty"));

const metadataItemSchema = z.object({ Name: z.string(), Value: z.unknown().optional() }).loose();

export const stkCallbackSchema = z
  .object({
    MerchantRequestID: idSchema,
    CheckoutRequestID: idSchema,
    ResultCode: z.union([z.number(), z.string().trim().min(1, "must not be empty")]),
    ResultDesc: z.unknown().optional().transform((v) => (typeof v === "string" || typeof v === "number" ? String(v) : "")),
    // Item is an array in every STK capture. Transaction Status results may carry a lone object;
    // an STK callback that does is not one M-Pesa sent, and must not be read as a success.
    CallbackMetadata: z.object({ Item: z.array(z.unknown(), { message: "must be an array of items" }).optional() }).loose().nullish(),
  })
  .loose();

export const stkCallbackBodySchema = z.object({ Body: z.object({ stkCallback: stkCallbackSchema }).loose() }).loose();

export interface ParsedStkCallback {
  merchantRequestId: string;
  checkoutRequestId: string;
  resultCode: string;
  resultDesc: string;
  classification: ResultClassification;
  /** Whole shillings as a number; a fractional amount is kept as sent so an amount check catches it. */
  amount?: number;
  receipt?: string;
  /** The instant M-Pesa recorded, parsed from `yyyyMMddHHmmss` in East Africa Time. */
  transactionDate?: Date;
  /** Normalised `2547…`/`2541…` when it is a Kenyan mobile number, otherwise the digits as sent. */
  phone?: string;
  /** Every metadata item by Name, values as sent (`Balance` usually has none). */
  metadata: Record<string, unknown>;
  raw: unknown;
}

export type ParseStkCallbackResult = { ok: true; callback: ParsedStkCallback } | { ok: false; reason: string };

/** Parses a callback body (a parsed object or the raw JSON text); never throws. */
export function parseStkCallback(body: unknown): ParseStkCallbackResult {
  let raw = body;
  if (typeof body === "string") {
    try {
      raw = JSON.parse(body);
    } catch {
      return { ok: false, reason: "body is not JSON" };
    }
  }
  const parsed = stkCallbackBodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join(".") : "body";
    return { ok: false, reason: `${where}: ${issue?.message ?? "invalid"}` };
  }

  const cb = parsed.data.Body.stkCallback;
  const metadata = metadataByName(cb.CallbackMetadata?.Item);
  const resultCode = normaliseResultCode(cb.ResultCode);
  const callback: ParsedStkCallback = {
    merchantRequestId: cb.MerchantRequestID,
    checkoutRequestId: cb.CheckoutRequestID,
    resultCode,
    resultDesc: cb.ResultDesc,
    classification: classifyResultCode(resultCode),
    metadata,
    raw,
  };
  const amount = toNumber(metadata.Amount);
  if (amount !== undefined) callback.amount = amount;
  const receipt = toText(metadata.MpesaReceiptNumber);
  if (receipt !== undefined) callback.receipt = receipt;
  const date = toText(metadata.TransactionDate);
  const transactionDate = date === undefined ? null : parseDarajaTimestamp(date);
  if (transactionDate) callback.transactionDate = transactionDate;
  const phone = toText(metadata.PhoneNumber);
  if (phone !== undefined) {
    const normalised = normalizeKenyanPhone(phone);
    callback.phone = normalised.ok ? normalised.phone : phone;
  }
  // What is stored or matched on must be plain text: PostgreSQL refuses NUL, and no id holds a control.
  const { merchantRequestId, checkoutRequestId, resultDesc, receipt: r, phone: p } = callback;
  const controlled = findControlCharacter({ MerchantRequestID: merchantRequestId, CheckoutRequestID: checkoutRequestId, ResultCode: resultCode, ResultDesc: resultDesc, MpesaReceiptNumber: r, PhoneNumber: p });
  if (controlled !== null) return { ok: false, reason: `Body.stkCallback.${controlled}: must not contain control characters` };
  return { ok: true, callback };
}

// Items are looked up by Name: Safaricom's own PHP SDK reads them by index, and breaks when Balance is absent.
function metadataByName(items: readonly unknown[] | undefined): Record<string, unknown> {
  const list = items ?? [];
  // A Map, then fromEntries: an item named "__proto__" becomes a plain key instead of a prototype.
  const byName = new Map<string, unknown>();
  for (const item of list) {
    const parsed = metadataItemSchema.safeParse(item);
    const name = parsed.success ? canonicalName(parsed.data.Name) : null;
    if (name !== null && !byName.has(name)) byName.set(name, parsed.data?.Value);
  }
  return Object.fromEntries(byName);
}

const KNOWN_NAMES = ["Amount", "MpesaReceiptNumber", "Balance", "TransactionDate", "PhoneNumber"];

function canonicalName(name: string): string {
  const trimmed = name.trim();
  return KNOWN_NAMES.find((known) => known.toLowerCase() === trimmed.toLowerCase()) ?? trimmed;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function toText(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  return undefined;
}
