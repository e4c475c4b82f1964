import { isRecord, textOf } from "../daraja-api";
import { parseAmountMinor } from "../money";
import { readMsisdn, type MsisdnEvidence } from "../msisdn-evidence";
import { parseEatDateTime } from "../eat-time";

/**
 * The Pull Transactions query answer. Its quirks: keys are lowercase/camelCase unlike the rest of
 * Daraja; `Response` is a list of lists (a flat list or a lone object are tolerated too); failures
 * come as HTTP 200 with a ResponseCode other than "1000"; "1001" means "nothing in this window" OR
 * "this shortcode is not set up for Pull", the two cannot be told apart; `msisdn` is a number
 * without its 254; the amount is a string.
 */
export interface PullQueryBody {
  responseCode: string | null;
  message: string;
  responseRefId: string | null;
  /** Present on some integrations, absent from the documentation. */
  totalPages: number | null;
  rows: unknown[];
}

export interface PullTransaction {
  receipt: string;
  /** From `trxDate`: ISO with a zone when it has one, otherwise read as EAT. */
  completedAt: Date | null;
  trxDate: string | null;
  msisdn: MsisdnEvidence | null;
  /** `sender`: the payer's name as M-Pesa has it (test data says "UAT2"). */
  payerName: string | null;
  transactionType: string | null;
  /** Money into the shortcode (a customer's c2b debit), out of it, or a type we do not know. */
  direction: "in" | "out" | "unknown";
  billReference: string | null;
  amountMinor: number;
  organizationName: string | null;
}

export type PullRowResult = { ok: true; transaction: PullTransaction } | { ok: false; reason: string; row: unknown };

export function readPullQueryBody(json: Record<string, unknown> | null): PullQueryBody {
  const body = json ?? {};
  const pages = Number(textOf(body.TotalPages) ?? textOf(body.totalPages) ?? NaN);
  return {
    responseCode: textOf(body.ResponseCode) ?? textOf(body.responseCode),
    message: textOf(body.ResponseMessage) ?? textOf(body.ResponseDescription) ?? "",
    responseRefId: textOf(body.ResponseRefID) ?? textOf(body.RequestID),
    totalPages: Number.isInteger(pages) && pages >= 0 ? pages : null,
    rows: flattenRows(body.Response ?? body.Transaction ?? body.response),
  };
}

// One level of nesting in practice; the 1001 sample even sends the list as the string "[[]]".
function flattenRows(value: unknown, depth = 0): unknown[] {
  if (typeof value === "string" && depth === 0) {
    try {
      return flattenRows(JSON.parse(value), depth + 1);
    } catch {
      return [];
    }
  }
  if (Array.isArray(value)) return depth > 3 ? [] : value.flatMap((item) => (Array.isArray(item) ? flattenRows(item, depth + 1) : [item]));
  return isRecord(value) ? [value] : [];
}

export function readPullTransaction(row: unknown): PullRowResult {
  if (!isRecord(row)) return { ok: false, reason: "not an object", row };
  const field = (name: string) => Object.entries(row).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const receipt = textOf(field("transactionId"));
  if (!receipt || !/^[A-Za-z0-9]{6,20}$/.test(receipt)) return { ok: false, reason: "transactionId is missing or not a receipt", row };
  const amountMinor = parseAmountMinor(field("amount"));
  if (amountMinor === null || amountMinor < 0) return { ok: false, reason: `amount ${JSON.stringify(field("amount"))} is not an amount`, row };
  const trxDate = textOf(field("trxDate"));
  const transactionType = textOf(field("transactiontype"));
  return {
    ok: true,
    transaction: {
      receipt: receipt.toUpperCase(),
      completedAt: trxDate === null ? null : readTrxDate(trxDate),
      trxDate,
      msisdn: readMsisdn(field("msisdn")),
      payerName: textOf(field("sender")),
      transactionType,
      direction: directionOf(transactionType),
      billReference: textOf(field("billreference")),
      amountMinor,
      organizationName: textOf(field("organizationname")),
    },
  };
}

function readTrxDate(text: string): Date | null {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  return parseEatDateTime(text.replace("T", " "));
}

/** `c2b-pay-bill-debit` is the customer's debit, our credit. */
export function directionOf(type: string | null): PullTransaction["direction"] {
  const t = (type ?? "").toLowerCase();
  if (/reversal|b2c|business-payment|-credit$/.test(t)) return "out";
  if (/^c2b-.*-debit$/.test(t)) return "in";
  return "unknown";
}
