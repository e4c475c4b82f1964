import { textOf } from "../daraja-api";
import { parseEatDateTime } from "../eat-time";
import { parseAmountMinor } from "../money";
import { readMsisdn, type MsisdnEvidence } from "../msisdn-evidence";
import { field, jsonObjectOf } from "../parse-json-body";

/**
 * C2B validation requests and confirmations: one shape, every value a string ("5.00",
 * "20231121121325" in EAT). The payer's number is masked in v2 ("2547 ***** 126") and a SHA-256
 * digest in v1: it is never a full number to rely on. Names may be empty or partial. A
 * confirmation also carries OrgAccountBalance and echoes a ThirdPartyTransID we gave in validation.
 */
export interface C2bNotification {
  /** "Pay Bill" or "Buy Goods" in v2; empty in older traffic. */
  transactionType: string | null;
  channel: "paybill" | "till" | "unknown";
  receipt: string;
  /** TransTime read as EAT; null when absent or not a real time (the raw text is kept). */
  transTime: Date | null;
  transTimeRaw: string | null;
  amountMinor: number;
  businessShortCode: string;
  /** The account number the customer typed (up to 20 characters); null for tills. */
  billRefNumber: string | null;
  invoiceNumber: string | null;
  orgAccountBalanceMinor: number | null;
  thirdPartyTransId: string | null;
  msisdn: MsisdnEvidence | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  raw: Record<string, unknown>;
}

export type ParseC2bResult = { ok: true; notification: C2bNotification } | { ok: false; reason: string };

/** Parses a validation or confirmation body (text or parsed); never throws. */
export function parseC2bNotification(body: unknown): ParseC2bResult {
  const json = jsonObjectOf(body);
  if (!json.ok) return json;
  const raw = json.value;
  const get = (name: string) => textOf(field(raw, name));
  const receipt = get("TransID");
  if (!receipt || !/^[A-Za-z0-9]{6,20}$/.test(receipt)) return { ok: false, reason: "TransID: missing or not a receipt" };
  const amountText = field(raw, "TransAmount");
  const amountMinor = parseAmountMinor(amountText);
  if (amountMinor === null || amountMinor <= 0) return { ok: false, reason: `TransAmount: ${JSON.stringify(amountText ?? null)} is not a positive amount` };
  const businessShortCode = get("BusinessShortCode");
  if (!businessShortCode || !/^\d{5,9}$/.test(businessShortCode)) return { ok: false, reason: "BusinessShortCode: missing or not a shortcode" };
  const transactionType = get("TransactionType");
  const transTimeRaw = get("TransTime");
  const balance = get("OrgAccountBalance");
  return {
    ok: true,
    notification: {
      transactionType,
      channel: channelOf(transactionType),
      receipt: receipt.toUpperCase(),
      transTime: transTimeRaw === null ? null : parseEatDateTime(transTimeRaw),
      transTimeRaw,
      amountMinor,
      businessShortCode,
      billRefNumber: get("BillRefNumber"),
      invoiceNumber: get("InvoiceNumber"),
      orgAccountBalanceMinor: balance === null ? null : parseAmountMinor(balance),
      thirdPartyTransId: get("ThirdPartyTransID"),
      msisdn: readMsisdn(field(raw, "MSISDN")),
      firstName: get("FirstName"),
      middleName: get("MiddleName"),
      lastName: get("LastName"),
      raw,
    },
  };
}

/** The payer's name as far as M-Pesa gave it, or null. */
export function c2bPayerName(n: Pick<C2bNotification, "firstName" | "middleName" | "lastName">): string | null {
  const name = [n.firstName, n.middleName, n.lastName].filter(Boolean).join(" ");
  return name === "" ? null : name;
}

function channelOf(type: string | null): C2bNotification["channel"] {
  const t = (type ?? "").toLowerCase().replace(/\s+/g, "");
  if (t === "paybill" || t === "customerpaybillonline") return "paybill";
  if (t === "buygoods" || t === "customerbuygoodsonline" || t === "merchantpayment") return "till";
  return "unknown";
}
