import { z } from "zod";
import { envelopeError, invalidInputError, textOf, type DarajaApi } from "../daraja-api";
import { DarajaError } from "../errors";
import { amountSchema, phoneSchema } from "../limits";

/**
 * C2B simulate (sandbox only; production has no such endpoint): makes a test customer pay a
 * paybill (with an account number) or a till. The confirmation then arrives on the registered
 * ConfirmationURL; sandbox deliveries are known to be flaky.
 */
export const C2B_SIMULATE_PATHS = { v2: "/mpesa/c2b/v2/simulate", v1: "/mpesa/c2b/v1/simulate" } as const;

export const c2bSimulateInputSchema = z.object({
  shortCode: z.string().trim().regex(/^\d{5,9}$/, "ShortCode must be a paybill or till of 5 to 9 digits"),
  commandId: z.enum(["CustomerPayBillOnline", "CustomerBuyGoodsOnline"]),
  amount: amountSchema,
  msisdn: phoneSchema,
  /** The account number, up to 20 characters; none for a till. */
  billRefNumber: z.string().trim().max(20, "BillRefNumber must be at most 20 characters").optional(),
  version: z.enum(["v2", "v1"]).default("v2"),
});

export type C2bSimulateInput = z.input<typeof c2bSimulateInputSchema>;

export type C2bSimulateResult =
  | { kind: "accepted"; originatorConversationId: string | null; responseDescription: string }
  | { kind: "rejected"; error: DarajaError }
  | { kind: "unknown"; error: DarajaError }
  | { kind: "retryable"; error: DarajaError };

export async function simulateC2bPayment(api: DarajaApi, input: C2bSimulateInput): Promise<C2bSimulateResult> {
  const parsed = c2bSimulateInputSchema.safeParse(input);
  if (!parsed.success) return { kind: "rejected", error: invalidInputError(parsed.error, "Invalid simulation") };
  const v = parsed.data;
  const answer = await api.post("c2b_simulate", C2B_SIMULATE_PATHS[v.version], {
    ShortCode: Number(v.shortCode),
    CommandID: v.commandId,
    Amount: v.amount,
    Msisdn: Number(v.msisdn),
    // Tills take no account number: send it empty.
    BillRefNumber: v.commandId === "CustomerBuyGoodsOnline" ? "" : (v.billRefNumber ?? ""),
  });
  const error = answer.ok ? envelopeError("c2b_simulate", answer) : answer.error;
  if (error) {
    if (error.kind === "unknown_outcome") return { kind: "unknown", error };
    return error.kind === "retryable" ? { kind: "retryable", error } : { kind: "rejected", error };
  }
  const body = answer.ok ? answer.json : null;
  const code = textOf(body?.ResponseCode);
  const description = textOf(body?.ResponseDescription) ?? "";
  const originatorConversationId = textOf(body?.OriginatorCoversationID) ?? textOf(body?.OriginatorConversationID);
  if (code !== null && /^0+$/.test(code)) return { kind: "accepted", originatorConversationId, responseDescription: description };
  return { kind: "rejected", error: new DarajaError({ kind: "permanent", errorCode: code, errorMessage: description,
    message: `Daraja did not accept the simulation (ResponseCode ${code ?? "missing"}${description ? `: ${description}` : ""})` }) };
}
