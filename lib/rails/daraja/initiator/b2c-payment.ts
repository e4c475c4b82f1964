import { z } from "zod";
import type { DarajaApi } from "../daraja-api";
import type { InitiatorCredentials } from "./credentials";
import {
  invalidInput, occasionSchema, organisationSchema, postInitiatorRequest, remarksSchema, resultUrlsSchema, type InitiatorRequestResult,
} from "./request";
import { AMOUNT_MAX_KES, phoneSchema } from "../limits";

/**
 * B2C payment: sends money from a B2C (or "one account") shortcode's Utility account to a
 * customer, e.g. a partial refund. In v3 our OriginatorConversationID is the idempotency key:
 * reusing it is refused (`duplicate`), so derive it from the refund and, after an unknown outcome,
 * ask Transaction Status with it before sending again. The outcome arrives on ResultURL
 * (`readB2cResult`).
 */
export const B2C_PATHS = { v3: "/mpesa/b2c/v3/paymentrequest", v1: "/mpesa/b2c/v1/paymentrequest" } as const;
/** Daraja's documented minimum for one B2C payment: a refund below it cannot be paid this way. */
export const B2C_MIN_AMOUNT_KES = 10;

export const b2cPaymentInputSchema = z
  .object({
    originatorConversationId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_\-]+$/, "may only contain letters, digits, - and _"),
    commandId: z.enum(["BusinessPayment", "SalaryPayment", "PromotionPayment"]).default("BusinessPayment"),
    amount: z
      .number()
      .int("Amount must be whole shillings")
      .min(B2C_MIN_AMOUNT_KES, `B2C pays at least KES ${B2C_MIN_AMOUNT_KES}`)
      .max(AMOUNT_MAX_KES, `B2C pays at most KES ${AMOUNT_MAX_KES.toLocaleString("en-KE")}`),
    /** The B2C shortcode paying out. */
    partyA: organisationSchema,
    /** The customer, normalised to 2547…/2541… (PartyB is 12 digits, no +). */
    partyB: phoneSchema,
    remarks: remarksSchema.default("Refund"),
    occasion: occasionSchema.optional(),
    version: z.enum(["v3", "v1"]).default("v3"),
  })
  .and(resultUrlsSchema);

export type B2cPaymentInput = z.input<typeof b2cPaymentInputSchema> & { initiator: InitiatorCredentials };

export async function requestB2cPayment(api: DarajaApi, input: B2cPaymentInput): Promise<InitiatorRequestResult> {
  const parsed = b2cPaymentInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const v = parsed.data;
  const body: Record<string, unknown> = {
    // B2C alone says InitiatorName; "Initiator" here gets "Bad Request - Invalid InitiatorName".
    InitiatorName: input.initiator.name,
    SecurityCredential: input.initiator.securityCredential,
    CommandID: v.commandId,
    Amount: String(v.amount),
    PartyA: v.partyA,
    PartyB: v.partyB,
    Remarks: v.remarks,
    QueueTimeOutURL: v.queueTimeoutUrl,
    ResultURL: v.resultUrl,
    // Spelled "Occassion" in B2C only.
    Occassion: v.occasion ?? "",
  };
  if (v.version === "v3") body.OriginatorConversationID = v.originatorConversationId;
  return postInitiatorRequest(api, "b2c_payment", B2C_PATHS[v.version], body);
}
