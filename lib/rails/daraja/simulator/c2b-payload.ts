import { darajaTimestamp } from "../password";
import { hashForC2b, maskForC2b } from "./customers";
import type { CustomerName } from "./ledger-types";

/**
 * The C2B validation and confirmation body: every value a string, TransTime in EAT. v2 masks the
 * number ("2547 ***** 126") and gives only the first name; v1 sends the number's SHA-256, all the
 * names, and no TransactionType.
 */
export interface C2bPayloadInput {
  receipt: string;
  channel: "paybill" | "till";
  at: Date;
  amount: number;
  paidTo: string;
  billRef: string | null;
  msisdn: string;
  customer: CustomerName;
  version: "v1" | "v2";
  /** Only the confirmation carries the balance after the payment, and our ThirdPartyTransID. */
  balanceAfter: number | null;
  thirdPartyTransId: string | null;
}

export function buildC2bPayload(input: C2bPayloadInput): Record<string, string> {
  const v2 = input.version === "v2";
  return {
    TransactionType: v2 ? (input.channel === "till" ? "Buy Goods" : "Pay Bill") : "",
    TransID: input.receipt,
    TransTime: darajaTimestamp(input.at),
    TransAmount: `${input.amount}.00`,
    BusinessShortCode: input.paidTo,
    BillRefNumber: input.channel === "till" ? "" : (input.billRef ?? ""),
    InvoiceNumber: "",
    OrgAccountBalance: input.balanceAfter === null ? "" : `${input.balanceAfter}.00`,
    ThirdPartyTransID: input.thirdPartyTransId ?? "",
    MSISDN: v2 ? maskForC2b(input.msisdn) : hashForC2b(input.msisdn),
    FirstName: input.customer.first,
    MiddleName: v2 ? "" : input.customer.middle,
    LastName: v2 ? "" : input.customer.last,
  };
}
