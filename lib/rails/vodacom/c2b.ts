import type { VodacomConfig } from "./config";
import { pushConversationId } from "./conversation-id";
import { formatVodacomAmount } from "./markets";
import { normalizeMarketPhone, SANDBOX_MSISDN } from "./phone";
import type { VodacomAnswer } from "./call";
import { readTransactionAnswer, type TransactionAnswer } from "./transaction-answer";
import { checkAmount, checkPurchasedItemsDesc, checkTransactionReference, type Checked } from "./validation";

/** C2B single stage: what the caller gives, what goes on the wire, and how the answer reads. */

export interface C2bPaymentInput {
  /** The payment attempt this push belongs to: it alone decides the ThirdPartyConversationID. */
  attemptId: string;
  /** Integer, in the market's minor unit (whole shillings for TZS). */
  amount: number;
  /** The customer's number in any common format of the market. */
  phone: string;
  /** `input_TransactionReference`: 1–20 characters, shown to the customer. */
  reference: string;
  /** `input_PurchasedItemsDesc`: 1–256 characters. */
  description: string;
}

export interface ValidC2bPayment {
  attemptId: string;
  amount: number;
  msisdn: string;
  reference: string;
  description: string;
  thirdPartyConversationId: string;
}

/** The answer, with our conversation id: store it; the status query finds the payment by it (null: nothing derived). */
export type C2bPaymentResult = TransactionAnswer & { thirdPartyConversationId: string | null };

/** Our own checks, with Vodacom's limits; `field` names the input that is wrong. */
export function validateC2bPayment(config: VodacomConfig, input: C2bPaymentInput): Checked<ValidC2bPayment> & { field?: string } {
  const record = (typeof input === "object" && input !== null ? input : {}) as Partial<C2bPaymentInput>;
  if (typeof record.attemptId !== "string" || record.attemptId.trim() === "") return { ok: false, field: "attemptId", message: "An attempt id is required" };
  const amount = checkAmount(record.amount, config.market, config.maxAmount);
  if (!amount.ok) return { ...amount, field: "amount" };
  // The sandbox's magic numbers choose its test outcomes; they are not phone numbers anywhere else.
  const magic = config.environment === "sandbox" && typeof record.phone === "string" && SANDBOX_MSISDN.test(record.phone);
  const phone = magic ? { ok: true as const, msisdn: record.phone as string } : normalizeMarketPhone(record.phone, config.market);
  if (!phone.ok) return { ok: false, field: "phone", message: phone.message };
  const reference = checkTransactionReference(record.reference);
  if (!reference.ok) return { ...reference, field: "reference" };
  const description = checkPurchasedItemsDesc(record.description);
  if (!description.ok) return { ...description, field: "description" };
  return {
    ok: true,
    value: { attemptId: record.attemptId, amount: amount.value, msisdn: phone.msisdn, reference: reference.value, description: description.value,
      thirdPartyConversationId: pushConversationId(record.attemptId) },
  };
}

/** The request body: every value a string, as in Vodacom's samples. */
export function buildC2bPaymentBody(config: VodacomConfig, payment: ValidC2bPayment): Record<string, string> {
  return {
    input_Amount: formatVodacomAmount(payment.amount, config.market),
    input_Country: config.market.country,
    input_Currency: config.market.currency,
    input_CustomerMSISDN: payment.msisdn,
    input_ServiceProviderCode: config.serviceProviderCode,
    input_ThirdPartyConversationID: payment.thirdPartyConversationId,
    input_TransactionReference: payment.reference,
    input_PurchasedItemsDesc: payment.description,
  };
}

/** Reads the answer (see readTransactionAnswer); `succeeded` carries M-Pesa's receipt as `transactionId`. */
export function readC2bPaymentAnswer(config: VodacomConfig, answer: VodacomAnswer, thirdPartyConversationId: string): C2bPaymentResult {
  return { ...readTransactionAnswer("c2b_payment", config.responseMode, answer), thirdPartyConversationId };
}
