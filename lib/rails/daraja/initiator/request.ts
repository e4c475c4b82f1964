import { z } from "zod";
import { DarajaError, type DarajaOperation } from "../errors";
import { envelopeError, invalidInputError, textOf, type DarajaAnswer, type DarajaApi } from "../daraja-api";
import { callbackUrlSchema } from "../limits";

/**
 * The synchronous half of Transaction Status, Reversal and B2C. The acknowledgement
 * (`ResponseCode "0"`) only means "queued": the outcome arrives later on ResultURL, or a notice on
 * QueueTimeOutURL, or never. Keep `originatorConversationId` and `conversationId` to match it.
 */
export type InitiatorRequestResult =
  | { kind: "accepted"; originatorConversationId: string; conversationId: string; responseDescription: string }
  /** Refused for good: nothing will happen, no result will come. */
  | { kind: "rejected"; error: DarajaError }
  /** An earlier request with the same OriginatorConversationID stands (B2C): ask Transaction Status about it. */
  | { kind: "duplicate"; error: DarajaError }
  /** It may have been queued (timeout, reset, unclear 5xx): ask Transaction Status before trying again. */
  | { kind: "unknown"; error: DarajaError }
  /** Nothing reached Daraja (refused connection, rate limit, token trouble): safe to try again later. */
  | { kind: "retryable"; error: DarajaError };

/** ResultURL and QueueTimeOutURL: http(s), no whitespace, lowercase host, as for STK callbacks. */
export const resultUrlsSchema = z.object({ resultUrl: callbackUrlSchema, queueTimeoutUrl: callbackUrlSchema });

/** Remarks and Occasion: Daraja documents 2–100 characters for Remarks, up to 100 for Occasion. */
export const remarksSchema = z.string().trim().min(2, "Remarks must be at least 2 characters").max(100, "Remarks must be at most 100 characters");
export const occasionSchema = z.string().trim().max(100, "Occasion must be at most 100 characters");

/** A shortcode or till: 5–9 digits (Transaction Status also allows a 12-digit MSISDN as PartyA). */
export const organisationSchema = z.string().trim().regex(/^\d{5,9}$/, "must be a shortcode of 5 to 9 digits");

/** Turns an invalid input into the same `rejected` result Daraja's 400.002.02 would give, without calling it. */
export function invalidInput(error: z.ZodError): InitiatorRequestResult {
  return { kind: "rejected", error: invalidInputError(error) };
}

export async function postInitiatorRequest(
  api: DarajaApi,
  operation: DarajaOperation,
  path: string,
  body: Record<string, unknown>,
): Promise<InitiatorRequestResult> {
  const answer = await api.post(operation, path, body);
  const result = readAcknowledgement(operation, answer);
  if (result.kind === "accepted") api.logger.info({ operation, conversationId: result.conversationId }, "Daraja queued the request");
  else api.logger.warn({ operation, kind: result.kind, errorCode: result.error.errorCode, reason: result.error.message }, "Daraja request not queued");
  return result;
}

export function readAcknowledgement(operation: DarajaOperation, answer: DarajaAnswer): InitiatorRequestResult {
  if (!answer.ok) return fromError(answer.error);
  const envelope = envelopeError(operation, answer);
  if (envelope) return fromError(envelope);
  const body = answer.json;
  const code = textOf(body?.ResponseCode);
  const conversationId = textOf(body?.ConversationID);
  const originatorConversationId = textOf(body?.OriginatorConversationID) ?? textOf(body?.OriginatorCoversationID);
  const description = textOf(body?.ResponseDescription) ?? "";
  if (code !== null && /^0+$/.test(code) && conversationId && originatorConversationId) {
    return { kind: "accepted", originatorConversationId, conversationId, responseDescription: description };
  }
  if (code !== null && !/^0+$/.test(code)) {
    return { kind: "rejected", error: new DarajaError({ kind: "permanent", httpStatus: answer.status, errorCode: code, errorMessage: description,
      message: `Daraja did not accept the request (ResponseCode ${code}${description ? `: ${description}` : ""})` }) };
  }
  // A 2xx we cannot read may still have been queued.
  return { kind: "unknown", error: new DarajaError({ kind: "unknown_outcome", httpStatus: answer.status,
    message: `Daraja answered HTTP ${answer.status} without a readable acknowledgement` }) };
}

function fromError(error: DarajaError): InitiatorRequestResult {
  if (error.errorCode === "500.002.1001") return { kind: "duplicate", error };
  switch (error.kind) {
    case "permanent":
    case "configuration":
      return { kind: "rejected", error };
    case "retryable":
      return { kind: "retryable", error };
    case "unknown_outcome":
      return { kind: "unknown", error };
  }
}
