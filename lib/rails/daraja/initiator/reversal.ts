import { z } from "zod";
import type { DarajaApi } from "../daraja-api";
import type { InitiatorCredentials } from "./credentials";
import {
  invalidInput, occasionSchema, organisationSchema, postInitiatorRequest, remarksSchema, resultUrlsSchema, type InitiatorRequestResult,
} from "./request";
import { AMOUNT_MAX_KES } from "../limits";

/**
 * Reversal: gives a whole C2B/STK payment back, by its receipt. Daraja documents no partial
 * reversal (Amount is required and should be the original's): refund part of a payment with B2C.
 * B2C payments cannot be reversed by API. The outcome arrives on ResultURL (`readReversalResult`).
 */
export const REVERSAL_PATH = "/mpesa/reversal/v1/request";

export const reversalInputSchema = z
  .object({
    /** The receipt to reverse. */
    transactionId: z.string().trim().regex(/^[A-Z0-9]{10}$/, "must be a 10-character M-Pesa receipt"),
    /** Whole shillings: the original payment's amount. */
    amount: z.number().int("Amount must be whole shillings").min(1).max(AMOUNT_MAX_KES),
    /** Our own shortcode, where the money goes back from. */
    receiverParty: organisationSchema,
    /** "11" in the current documentation; older material used "4". */
    receiverIdentifierType: z.enum(["11", "4"]).default("11"),
    remarks: remarksSchema.default("Refund"),
    occasion: occasionSchema.optional(),
  })
  .and(resultUrlsSchema);

export type ReversalInput = z.input<typeof reversalInputSchema> & { initiator: InitiatorCredentials };

export async function requestReversal(api: DarajaApi, input: ReversalInput): Promise<InitiatorRequestResult> {
  const parsed = reversalInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const v = parsed.data;
  return postInitiatorRequest(api, "reversal", REVERSAL_PATH, {
    Initiator: input.initiator.name,
    SecurityCredential: input.initiator.securityCredential,
    CommandID: "TransactionReversal",
    TransactionID: v.transactionId,
    Amount: String(v.amount),
    ReceiverParty: v.receiverParty,
    // Misspelled on purpose: Daraja refuses the correct spelling with "Invalid RecieverIdentifierType".
    RecieverIdentifierType: v.receiverIdentifierType,
    ResultURL: v.resultUrl,
    QueueTimeOutURL: v.queueTimeoutUrl,
    Remarks: v.remarks,
    Occasion: v.occasion ?? "",
  });
}
