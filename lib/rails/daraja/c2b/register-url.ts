import { z } from "zod";
import { envelopeError, invalidInputError, textOf, type DarajaApi } from "../daraja-api";
import { DarajaError } from "../errors";
import { callbackUrlSchema } from "../limits";

/**
 * C2B Register URL: tells M-Pesa where to send validation requests and confirmations for one
 * paybill or till. In the sandbox it can be repeated freely; in production it is one-time
 * (changing the URLs takes a deletion on the Daraja portal by two org managers), so a second
 * registration answers `already_registered`. ResponseType is what M-Pesa does when the validation
 * URL does not answer in time. Success is ResponseCode "0" in the documentation and "00000000" in
 * recent sandbox traffic.
 */
export const C2B_REGISTER_PATHS = { v2: "/mpesa/c2b/v2/registerurl", v1: "/mpesa/c2b/v1/registerurl" } as const;

/** The words Safaricom refuses in C2B URLs, in any casing. */
const FORBIDDEN_URL_WORDS = /m-?pesa|safaricom|exe|exec|cmd|sql|query/i;

const c2bUrl = callbackUrlSchema.refine((url) => !FORBIDDEN_URL_WORDS.test(url), {
  message: "C2B URLs must not contain M-PESA, Safaricom, exe, exec, cmd, sql or query (in any casing)",
});

export const c2bRegisterInputSchema = z.object({
  shortCode: z.string().trim().regex(/^\d{5,9}$/, "ShortCode must be a paybill or till of 5 to 9 digits"),
  responseType: z.enum(["Completed", "Cancelled"]),
  confirmationUrl: c2bUrl,
  validationUrl: c2bUrl,
  /** v1 sends a SHA-256 of the payer's number, v2 a masked number; the Daraja app must have the same version. */
  version: z.enum(["v2", "v1"]).default("v2"),
});

export type C2bRegisterInput = z.input<typeof c2bRegisterInputSchema>;

export type C2bRegisterResult =
  | { kind: "registered"; responseCode: string; responseDescription: string; originatorConversationId: string | null }
  /** Production: URLs are set once per shortcode; delete them on the Daraja portal to change them. */
  | { kind: "already_registered"; error: DarajaError }
  | { kind: "rejected"; error: DarajaError }
  | { kind: "retryable"; error: DarajaError };

const ALREADY_REGISTERED = /already registered|duplicate notification info/i;

export async function registerC2bUrls(api: DarajaApi, input: C2bRegisterInput): Promise<C2bRegisterResult> {
  const parsed = c2bRegisterInputSchema.safeParse(input);
  if (!parsed.success) return { kind: "rejected", error: invalidInputError(parsed.error, "Invalid registration") };
  const v = parsed.data;
  const answer = await api.post("c2b_register", C2B_REGISTER_PATHS[v.version], {
    ShortCode: v.shortCode,
    ResponseType: v.responseType,
    ConfirmationURL: v.confirmationUrl,
    ValidationURL: v.validationUrl,
  });
  const result = readRegisterAnswer(answer.ok ? (envelopeError("c2b_register", answer) ?? answer) : answer.error);
  api.logger.info({ shortCode: v.shortCode, version: v.version, kind: result.kind }, "C2B URL registration answered");
  return result;
}

function readRegisterAnswer(answer: DarajaError | { status: number; json: Record<string, unknown> | null }): C2bRegisterResult {
  if (answer instanceof DarajaError) {
    if (ALREADY_REGISTERED.test(answer.errorMessage ?? "")) return { kind: "already_registered", error: answer };
    return answer.kind === "retryable" || answer.kind === "unknown_outcome" ? { kind: "retryable", error: answer } : { kind: "rejected", error: answer };
  }
  const code = textOf(answer.json?.ResponseCode);
  const description = textOf(answer.json?.ResponseDescription) ?? "";
  // The documentation misspells the key as OriginatorCoversationID; accept either spelling.
  const originatorConversationId = textOf(answer.json?.OriginatorCoversationID) ?? textOf(answer.json?.OriginatorConversationID);
  if (ALREADY_REGISTERED.test(description)) {
    return { kind: "already_registered", error: new DarajaError({ kind: "permanent", httpStatus: answer.status, errorCode: code, errorMessage: description, message: "The C2B URLs of this shortcode are already registered" }) };
  }
  // The 2018 v1 form had no ResponseCode at all, only "success".
  if ((code !== null && /^0+$/.test(code)) || (code === null && /^success$/i.test(description))) {
    return { kind: "registered", responseCode: code ?? "0", responseDescription: description, originatorConversationId };
  }
  return { kind: "rejected", error: new DarajaError({ kind: "permanent", httpStatus: answer.status, errorCode: code, errorMessage: description,
    message: `Daraja did not register the URLs (ResponseCode ${code ?? "missing"}${description ? `: ${description}` : ""})` }) };
}
