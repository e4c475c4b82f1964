import { RailError, type RailErrorInit, type RailErrorKind } from "@/lib/rails/rail-error";
import { classifyResponseCode, type CodeClassification, type CodeOutcome, type VodacomOperation } from "./response-codes";

/**
 * Vodacom answers with `output_*` JSON, but proxies in front of it answer with HTML, nothing, or
 * text. Its failures are the seam's RailError (same kinds and fields as Daraja's), so the payment
 * core treats a Daraja and a Vodacom failure alike.
 */

export type VodacomErrorKind = RailErrorKind;
export type VodacomErrorInit = RailErrorInit;

/**
 * A failed Vodacom call. `errorMessage` is Vodacom's `output_ResponseDesc`; `requestId` is its
 * `output_ConversationID`; `tokenRejected` means the session was refused, so nothing was processed.
 */
export class VodacomError extends RailError {
  constructor(init: VodacomErrorInit) {
    super(init);
    this.name = "VodacomError";
  }
}

export type ParsedVodacomBody =
  | { shape: "envelope"; code: string; description: string; fields: Record<string, unknown> }
  | { shape: "json"; fields: Record<string, unknown> }
  | { shape: "html"; title: string | null }
  | { shape: "empty" }
  | { shape: "other"; snippet: string };

/** Reads a body of any shape; never throws. An envelope is JSON carrying `output_ResponseCode`. */
export function parseVodacomBody(text: string): ParsedVodacomBody {
  const trimmed = typeof text === "string" ? text.trim() : "";
  if (trimmed === "") return { shape: "empty" };
  if (trimmed.startsWith("<")) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return { shape: "html", title: title ? title.slice(0, 120) : null };
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { shape: "other", snippet: trimmed.slice(0, 120) };
  }
  if (!isRecord(json)) return { shape: "other", snippet: trimmed.slice(0, 120) };
  const code = json.output_ResponseCode;
  if ((typeof code === "string" && code.trim() !== "") || typeof code === "number") {
    const description = typeof json.output_ResponseDesc === "string" ? json.output_ResponseDesc.trim() : "";
    return { shape: "envelope", code: String(code).trim(), description, fields: json };
  }
  return { shape: "json", fields: json };
}

/** The error for an envelope whose code is not a success, per what the code means for the operation. */
export function errorForCode(operation: VodacomOperation, httpStatus: number, body: Extract<ParsedVodacomBody, { shape: "envelope" }>,
  classification: CodeClassification = classifyResponseCode(operation, body.code)): VodacomError {
  const what = `Vodacom answered ${classification.code}${body.description ? ` (${body.description})` : ""}`;
  return new VodacomError({
    kind: kindForOutcome(operation, classification.outcome),
    message: classification.known ? `${what}: ${classification.meaning}` : what,
    httpStatus,
    errorCode: classification.code,
    errorMessage: body.description || null,
    requestId: text(body.fields.output_ConversationID),
    tokenRejected: classification.outcome === "session_rejected",
  });
}

/** The error for an answer without a readable code: the HTTP status and the operation decide. */
export function errorWithoutCode(operation: VodacomOperation, httpStatus: number, body: ParsedVodacomBody): VodacomError {
  const shown = body.shape === "html" ? `an HTML page${body.title ? ` ("${body.title}")` : ""}`
    : body.shape === "empty" ? "an empty body"
      : body.shape === "other" ? `an unexpected body ("${body.snippet}")` : "JSON without output_ResponseCode";
  const message = `Vodacom answered HTTP ${httpStatus} with ${shown}`;
  const changesMoney = operation === "c2b_payment" || operation === "reversal";
  const make = (kind: VodacomErrorKind, extra: Partial<VodacomErrorInit> = {}) => new VodacomError({ kind, message, httpStatus, ...extra });
  if (operation === "session") {
    return [400, 401, 403, 404, 405].includes(httpStatus) ? make("configuration", { message: `Vodacom refused the session request: ${message}` }) : make("retryable");
  }
  // A gateway refusing the bearer never reached the payment logic.
  if (httpStatus === 401) return make("retryable", { tokenRejected: true, message: `Vodacom refused the session (${message})` });
  if ([403, 404, 405].includes(httpStatus)) return make("configuration", { message: `${message} (check the base URL, market and app permissions)` });
  if (httpStatus === 429) return make("retryable");
  if (httpStatus >= 200 && httpStatus < 300) return make(changesMoney ? "unknown_outcome" : "retryable", { message: `${message}: the outcome is unknown` });
  if (httpStatus === 408 || httpStatus >= 500) return make(changesMoney ? "unknown_outcome" : "retryable");
  return make("permanent");
}

function kindForOutcome(operation: VodacomOperation, outcome: CodeOutcome): VodacomErrorKind {
  switch (outcome) {
    case "configuration":
      return "configuration";
    case "permanent":
    case "failed":
    case "cancelled":
      return "permanent";
    case "unknown":
    case "duplicate":
      return operation === "c2b_payment" || operation === "reversal" ? "unknown_outcome" : "retryable";
    case "succeeded":
    case "not_found":
    case "session_rejected":
    case "retryable":
      return "retryable";
  }
}

export function text(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() !== "" && value.trim().toUpperCase() !== "N/A" ? value.trim() : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
