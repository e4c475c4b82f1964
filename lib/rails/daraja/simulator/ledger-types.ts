/**
 * What the simulated M-Pesa keeps on its side of the ledger: every transaction that moved money on
 * a simulated Utility account, the C2B URLs registered, and each initiator request with what was
 * POSTed back. Amounts are whole shillings, as M-Pesa moves them.
 */
export type SimTransactionKind = "stk" | "c2b" | "reversal" | "b2c";

export interface CustomerName {
  first: string;
  middle: string;
  last: string;
}

export interface SimTransaction {
  /** Order of completion: ties in time keep it. */
  seq: number;
  receipt: string;
  kind: SimTransactionKind;
  /** The organisation shortcode whose Utility account moved (the store of a till). */
  shortcode: string;
  /** The paybill or till the customer paid (stk, c2b). */
  paidTo: string | null;
  channel: "paybill" | "till" | null;
  amount: number;
  msisdn: string;
  customer: CustomerName;
  billRef: string | null;
  initiatedAt: Date;
  completedAt: Date;
  /** Utility balance right after this transaction. */
  balanceAfter: number;
  /** A reversal: the receipt it gave back. */
  linkedReceipt: string | null;
  /** A payment: the receipt of its reversal, once reversed. */
  reversedBy: string | null;
  /** The request that made it (STK MerchantRequestID, initiator OriginatorConversationID), for Transaction Status. */
  originatorConversationId: string | null;
  conversationId: string | null;
  /** "api" or, for a reversal M-Pesa made itself, "portal". */
  via: "api" | "portal" | "customer";
}

export interface Delivery {
  url: string;
  at: Date;
  status: number | null;
  error: string | null;
  /** The body we sent (parsed JSON), and for validation what came back. */
  body: unknown;
  answer?: unknown;
}

export interface C2bRegistration {
  shortcode: string;
  version: "v1" | "v2";
  responseType: "Completed" | "Cancelled";
  confirmationUrl: string;
  validationUrl: string;
  registeredAt: Date;
}

export interface C2bPaymentRecord {
  receipt: string;
  source: "sim" | "phone" | "simulate-api" | "stk";
  paidTo: string;
  amount: number;
  msisdn: string;
  billRef: string | null;
  at: Date;
  status: "completed" | "rejected";
  /** Who decided: the merchant's validation answer, the registered ResponseType fallback, or nobody (no validation). */
  decidedBy: "validation" | "response-type" | "no-validation";
  /** The validation answer's ResultCode, or the ResponseType ("Completed"/"Cancelled") that applied instead. */
  resultCode: string;
  validation: Delivery | null;
  confirmations: Delivery[];
}

export type InitiatorKind = "transaction_status" | "reversal" | "b2c";

export interface InitiatorRequestRecord {
  kind: InitiatorKind;
  originatorConversationId: string;
  conversationId: string;
  receivedAt: Date;
  /** The request as sent, without its SecurityCredential. */
  request: Record<string, unknown>;
  resultUrl: string;
  queueTimeoutUrl: string;
  /** What happened once processed; null until then. */
  outcome: { resultCode: string | number; resultDesc: string; scenario: string; receipt: string | null } | null;
  results: Delivery[];
  queueTimeouts: Delivery[];
}
