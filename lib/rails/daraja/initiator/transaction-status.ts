import { z } from "zod";
import type { DarajaApi } from "../daraja-api";
import type { InitiatorCredentials } from "./credentials";
import {
  invalidInput, occasionSchema, organisationSchema, postInitiatorRequest, remarksSchema, resultUrlsSchema, type InitiatorRequestResult,
} from "./request";

/**
 * Transaction Status: asks M-Pesa about one transaction by its receipt (TransactionID), by the
 * OriginalConversationID of the request that made it, or both. It works for C2B/STK payments,
 * reversals and B2C. The answer arrives on ResultURL: parse it with `readTransactionStatusResult`.
 */
export const TRANSACTION_STATUS_PATH = "/mpesa/transactionstatus/v1/query";

const idSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_\-]+$/, "may only contain letters, digits, - and _");

export const transactionStatusInputSchema = z
  .object({
    /** The organisation asking: the shortcode (IdentifierType 4), a till (2) or an MSISDN (1). */
    partyA: z.union([organisationSchema, z.string().trim().regex(/^254\d{9}$/, "must be a shortcode or a 12-digit MSISDN")]),
    identifierType: z.enum(["1", "2", "4"]).default("4"),
    transactionId: idSchema.optional(),
    originalConversationId: idSchema.optional(),
    remarks: remarksSchema.default("Status check"),
    occasion: occasionSchema.optional(),
  })
  .and(resultUrlsSchema)
  .refine((v) => v.transactionId !== undefined || v.originalConversationId !== undefined, {
    message: "Give the receipt (transactionId) or the originalConversationId",
    path: ["transactionId"],
  });

export type TransactionStatusInput = z.input<typeof transactionStatusInputSchema> & { initiator: InitiatorCredentials };

export async function requestTransactionStatus(api: DarajaApi, input: TransactionStatusInput): Promise<InitiatorRequestResult> {
  const parsed = transactionStatusInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const v = parsed.data;
  const body: Record<string, unknown> = {
    Initiator: input.initiator.name,
    SecurityCredential: input.initiator.securityCredential,
    CommandID: "TransactionStatusQuery",
    PartyA: v.partyA,
    IdentifierType: v.identifierType,
    ResultURL: v.resultUrl,
    QueueTimeOutURL: v.queueTimeoutUrl,
    Remarks: v.remarks,
    Occasion: v.occasion ?? "",
  };
  // Only the keys we have: the documentation's own sample misspells them ("Transaction ID").
  if (v.transactionId) body.TransactionID = v.transactionId;
  if (v.originalConversationId) body.OriginalConversationID = v.originalConversationId;
  return postInitiatorRequest(api, "transaction_status", TRANSACTION_STATUS_PATH, body);
}
