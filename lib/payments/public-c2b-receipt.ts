import { z } from "zod";

/**
 * The C2B payment object storefronts receive in `c2b.received` events: money a customer paid to the
 * paybill or till directly, keyed by M-Pesa's receipt. `payment_id` names the payment it settled,
 * or is null while it is unattached (finance may attach it later: that payment's own events then
 * follow, carrying the same receipt). Deduplicate crediting on `receipt`.
 */
export const publicC2bReceiptSchema = z.object({
  object: z.literal("c2b_receipt"),
  receipt: z.string().describe("M-Pesa's TransID; the same receipt in any later payment event is the same money."),
  status: z.enum(["matched", "unattached"]).describe("matched: it settled `payment_id`; unattached: no payment matched its account number and amount."),
  amount: z.number().describe("In the currency's main unit, as payments' `amount`."),
  currency: z.string(),
  bill_ref_number: z.string().nullable().describe("The account number the customer typed (null for tills): credit orders by it."),
  msisdn: z.string().nullable().describe("The payer's number as M-Pesa sent it: masked or a SHA-256 hex digest, never a full number."),
  transaction_type: z.string().nullable(),
  trans_time: z.string().nullable().describe("When M-Pesa recorded the payment (UTC, ISO 8601)."),
  collection_account_id: z.string(),
  payment_id: z.string().nullable(),
  mode: z.enum(["test", "live"]),
});

export type PublicC2bReceipt = z.infer<typeof publicC2bReceiptSchema>;
