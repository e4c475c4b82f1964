import { z } from "zod";
import { envelopeError, invalidInputError, textOf, type DarajaApi } from "../daraja-api";
import { DarajaError } from "../errors";
import { callbackUrlSchema } from "../limits";

/**
 * Pull Transactions register: done once per shortcode (production, live shortcodes only; in
 * practice the head-office shortcode). The status is `ResponseStatus` (not ResponseCode): "1000"
 * registered, "1001" already registered, which is not an error. Older material spells the keys with
 * spaces ("Response Status"); both are read.
 */
export const PULL_REGISTER_PATH = "/pulltransactions/v1/register";

export const pullRegisterInputSchema = z.object({
  shortCode: z.string().trim().regex(/^\d{5,9}$/, "ShortCode must be 5 to 9 digits"),
  /** The Safaricom number on the shortcode's KYC, in 2547… form (integrators report 07… is refused). */
  nominatedNumber: z.string().trim().regex(/^254[17]\d{8}$/, "NominatedNumber must be 12 digits, 2547… or 2541…"),
  callbackUrl: callbackUrlSchema,
});

export type PullRegisterInput = z.input<typeof pullRegisterInputSchema>;

export type PullRegisterResult =
  | { kind: "registered"; alreadyRegistered: boolean; responseRefId: string | null; description: string }
  | { kind: "rejected"; error: DarajaError }
  | { kind: "retryable"; error: DarajaError };

export async function registerPullTransactions(api: DarajaApi, input: PullRegisterInput): Promise<PullRegisterResult> {
  const parsed = pullRegisterInputSchema.safeParse(input);
  if (!parsed.success) return { kind: "rejected", error: invalidInputError(parsed.error, "Invalid registration") };
  const v = parsed.data;
  const answer = await api.post("pull_register", PULL_REGISTER_PATH, {
    ShortCode: v.shortCode,
    RequestType: "Pull",
    NominatedNumber: v.nominatedNumber,
    CallBackURL: v.callbackUrl,
  });
  const error = answer.ok ? envelopeError("pull_register", answer) : answer.error;
  if (error) return error.kind === "retryable" || error.kind === "unknown_outcome" ? { kind: "retryable", error } : { kind: "rejected", error };
  const body = answer.ok ? answer.json : null;
  const status = textOf(body?.ResponseStatus) ?? textOf(body?.["Response Status"]) ?? textOf(body?.ResponseCode);
  const description = textOf(body?.ResponseDescription) ?? textOf(body?.["Response Description"]) ?? "";
  const responseRefId = textOf(body?.ResponseRefID);
  if (status === "1000" || status === "1001") {
    api.logger.info({ shortCode: v.shortCode, status }, "Pull Transactions registration answered");
    return { kind: "registered", alreadyRegistered: status === "1001", responseRefId, description };
  }
  return { kind: "rejected", error: new DarajaError({ kind: "permanent", errorCode: status, errorMessage: description,
    message: `Daraja did not register the shortcode for Pull Transactions (status ${status ?? "missing"}${description ? `: ${description}` : ""})` }) };
}
