import { RailError, type RailErrorInit, type RailErrorKind } from "@/lib/rails/rail-error";

// Daraja errors come as `{requestId, errorCode, errorMessage}`, SOAP-ish faults, HTML or nothing (FACTS.md §3).

export type DarajaErrorKind = RailErrorKind;
export type DarajaOperation =
  | "oauth" | "stk_push" | "stk_query"
  | "c2b_register" | "c2b_simulate" | "pull_register" | "pull_query"
  | "transaction_status" | "reversal" | "b2c_payment";

// Calls that may move money once Daraja has seen them: an unclear failure leaves their outcome unknown.
const MONEY_MOVING: ReadonlySet<DarajaOperation> = new Set(["stk_push", "c2b_simulate", "reversal", "b2c_payment"]);

/** Whether an unclear failure of this call may still have moved money (so it must not simply be repeated). */
export function movesMoney(operation: DarajaOperation): boolean {
  return MONEY_MOVING.has(operation);
}

function mayHaveHappened(operation: DarajaOperation): string {
  return operation === "stk_push" ? "the prompt may have reached the phone" : "M-Pesa may have carried it out";
}

export type DarajaErrorInit = RailErrorInit;

/** A failed Daraja call: the seam's RailError, classified from Daraja's answers (below). */
export class DarajaError extends RailError {
  constructor(init: DarajaErrorInit) {
    super(init);
    this.name = "DarajaError";
  }
}

export interface DarajaErrorEnvelope {
  requestId: string | null;
  errorCode: string;
  errorMessage: string;
}

export type ParsedErrorBody =
  | { shape: "envelope"; envelope: DarajaErrorEnvelope }
  | { shape: "fault"; faultCode: string | null; faultString: string }
  | { shape: "html"; title: string | null }
  | { shape: "empty" }
  | { shape: "other"; snippet: string };

/** The invalid-access-token code differs per product (FACTS.md §1); any of them means "new token, retry once". */
export const INVALID_TOKEN_CODES: ReadonlySet<string> = new Set(["404.001.03", "400.003.01", "401.002.01", "401.001"]);
// Apigee's own fault codes for a bad or expired bearer token.
const APIGEE_TOKEN_FAULTS = /InvalidAccessToken|access_token_expired|access_token_not_approved/i;
// Fields of 400.002.02 that only the merchant's setup can get wrong, as opposed to the payment's data.
const STK_CONFIGURATION_FIELDS = new Set(["BusinessShortCode", "PartyB", "CallBackURL", "TransactionType", "Password", "Timestamp"]);
const INITIATOR_CONFIGURATION_FIELDS = new Set([
  "ShortCode", "Initiator", "InitiatorName", "SecurityCredential", "CommandID", "PartyA", "IdentifierType", "ReceiverParty",
  "RecieverIdentifierType", "ResultURL", "QueueTimeOutURL", "ConfirmationURL", "ValidationURL", "ResponseType", "NominatedNumber", "CallBackURL",
]);

function isConfigurationField(operation: DarajaOperation, field: string): boolean {
  if (operation === "oauth" || operation === "stk_push" || operation === "stk_query") return STK_CONFIGURATION_FIELDS.has(field);
  // Here PartyA is always the organisation; the customer's fields (Msisdn, B2C's PartyB, Amount) are data.
  return INITIATOR_CONFIGURATION_FIELDS.has(field);
}

/** Reads an error body of any shape; never throws. */
export function parseErrorBody(text: string): ParsedErrorBody {
  const trimmed = text.trim();
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
  if (isRecord(json) && (typeof json.errorCode === "string" || typeof json.errorCode === "number")) {
    return {
      shape: "envelope",
      envelope: {
        requestId: json.requestId == null ? null : String(json.requestId),
        errorCode: String(json.errorCode).trim(),
        errorMessage: typeof json.errorMessage === "string" ? json.errorMessage.trim() : "",
      },
    };
  }
  const fault = findFault(json, 0);
  if (fault) {
    const faultString = stringField(fault, "faultstring") ?? "";
    const detail = Object.entries(fault).find(([k]) => k.toLowerCase() === "detail")?.[1];
    const faultCode = (isRecord(detail) ? stringField(detail, "errorcode") : null) ?? stringField(fault, "faultcode");
    return { shape: "fault", faultCode, faultString };
  }
  return { shape: "other", snippet: trimmed.slice(0, 120) };
}

/** Turns a non-successful Daraja HTTP answer into a typed error, according to what the call was. */
export function classifyDarajaResponse(operation: DarajaOperation, httpStatus: number, bodyText: string): DarajaError {
  const body = parseErrorBody(bodyText);
  if (body.shape === "envelope") return classifyEnvelope(operation, httpStatus, body.envelope);
  if (body.shape === "fault") return classifyFault(operation, httpStatus, body.faultCode, body.faultString);

  const shown = body.shape === "html" ? `an HTML page${body.title ? ` ("${body.title}")` : ""}`
    : body.shape === "empty" ? "an empty body" : `an unexpected body ("${body.snippet}")`;
  const base = { httpStatus, message: `Daraja answered HTTP ${httpStatus} with ${shown}` };
  if (operation === "oauth" && (httpStatus === 400 || httpStatus === 401)) {
    // Daraja's answer to a wrong key/secret is a bare 400 (mpesakit, SmoDav/mpesa both map it so).
    return new DarajaError({ ...base, kind: "configuration", message: `Invalid consumer key/secret: ${base.message}` });
  }
  if (operation !== "oauth" && httpStatus === 401) {
    return new DarajaError({ ...base, kind: "retryable", message: `Daraja refused the access token (${base.message})`, tokenRejected: true });
  }
  return new DarajaError({ ...base, kind: kindForStatus(operation, httpStatus) });
}

function classifyEnvelope(operation: DarajaOperation, httpStatus: number, envelope: DarajaErrorEnvelope): DarajaError {
  const { errorCode: code, errorMessage: text } = envelope;
  const make = (kind: DarajaErrorKind, message: string, extra: Partial<DarajaErrorInit> = {}) =>
    new DarajaError({ kind, message, httpStatus, errorCode: code, errorMessage: text, requestId: envelope.requestId, ...extra });

  if (INVALID_TOKEN_CODES.has(code)) return make("retryable", "Daraja refused the access token", { tokenRejected: true });
  if (code === "400.002.02") {
    const field = /The element (\w+) is invalid/i.exec(text)?.[1] ?? /Invalid\s+([A-Za-z]+)\s*$/i.exec(text)?.[1] ?? null;
    const kind = field && isConfigurationField(operation, field) ? "configuration" : "permanent";
    return make(kind, field ? `Daraja rejected the ${field} field` : `Daraja rejected the request: ${text || code}`, { field });
  }
  if (code === "500.001.1001") return classifyOverloaded(operation, text, make);
  if (code === "500.003.02") return make("retryable", "Daraja is rate-limiting requests (spike arrest)");
  if (code === "500.003.03") return make("retryable", "Daraja quota exceeded");
  if (code === "500.003.1001") {
    // A generic internal error: harmless to repeat for a query, but a push may already be on the phone.
    return movesMoney(operation)
      ? make("unknown_outcome", `Daraja had an internal error; ${mayHaveHappened(operation)}`)
      : make("retryable", "Daraja had an internal error");
  }
  // The request itself did nothing: an earlier one with the same id stands (B2C's idempotency key).
  if (code === "500.002.1001") return make("permanent", `Daraja refused a duplicate request${text ? `: ${text}` : ""}`);
  if (code.startsWith("400.008.") || code === "401.003.01" || code === "404.001.04" || code === "404.001.01" || code === "405.001") {
    return make("configuration", `Daraja refused the request as misconfigured: ${text || code}`);
  }
  if (httpStatus === 429) return make("retryable", `Daraja is rate-limiting requests: ${text || code}`);
  const kind = code.startsWith("4") ? "permanent" : kindForStatus(operation, httpStatus >= 400 ? httpStatus : 500);
  return make(kind, `Daraja answered ${code}${text ? `: ${text}` : ""}`);
}

// 500.001.1001 is Daraja's catch-all; only its message tells the cases apart (FACTS.md §3, §5).
function classifyOverloaded(
  operation: DarajaOperation,
  text: string,
  make: (kind: DarajaErrorKind, message: string) => DarajaError,
): DarajaError {
  if (/wrong credentials/i.test(text)) {
    return make("configuration", "Wrong credentials: the shortcode, passkey and timestamp do not match the password");
  }
  if (/merchant does not exist/i.test(text)) return make("configuration", "The business shortcode does not exist on M-Pesa");
  if (/unable to lock subscriber/i.test(text)) {
    return make("permanent", "The customer has another M-Pesa transaction in progress; they can try again in a minute");
  }
  if (operation === "stk_query") return make("retryable", `M-Pesa has no answer yet${text ? `: ${text}` : ""}`);
  return movesMoney(operation)
    ? make("unknown_outcome", `Daraja answered 500.001.1001${text ? ` (${text})` : ""}; ${mayHaveHappened(operation)}`)
    : make("retryable", `Daraja answered 500.001.1001${text ? `: ${text}` : ""}`);
}

function classifyFault(operation: DarajaOperation, httpStatus: number, faultCode: string | null, faultString: string): DarajaError {
  const init = { httpStatus, errorCode: faultCode, errorMessage: faultString };
  const described = `Daraja gateway fault${faultString ? `: ${faultString.slice(0, 200)}` : ""}`;
  if (operation !== "oauth" && faultCode && APIGEE_TOKEN_FAULTS.test(faultCode)) {
    return new DarajaError({ ...init, kind: "retryable", message: "Daraja refused the access token", tokenRejected: true });
  }
  if (/Unable to identify proxy/i.test(faultString)) {
    return new DarajaError({ ...init, kind: "configuration", message: `${described} (check the Daraja base URL)` });
  }
  return new DarajaError({ ...init, kind: kindForStatus(operation, httpStatus), message: described });
}

/** A response without a recognisable code: the status alone decides. */
function kindForStatus(operation: DarajaOperation, httpStatus: number): DarajaErrorKind {
  if (httpStatus === 429 || httpStatus === 408) return "retryable";
  if (httpStatus >= 500) return movesMoney(operation) ? "unknown_outcome" : "retryable";
  if ([401, 403, 404, 405].includes(httpStatus)) return "configuration";
  return "permanent";
}

function findFault(value: unknown, depth: number): Record<string, unknown> | null {
  if (!isRecord(value) || depth > 4) return null;
  for (const [key, child] of Object.entries(value)) {
    if (/(^|:)fault$/i.test(key) && isRecord(child)) return child;
  }
  for (const child of Object.values(value)) {
    const found = findFault(child, depth + 1);
    if (found) return found;
  }
  return null;
}

function stringField(record: Record<string, unknown>, name: string): string | null {
  const value = Object.entries(record).find(([k]) => k.toLowerCase() === name)?.[1];
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
