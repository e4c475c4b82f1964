import type { DarajaConfig } from "@/lib/env";
import { maskPhone, type Logger } from "@/lib/logger";
import { createDarajaApi, invalidInputError, type DarajaAnswer, type DarajaApi } from "./daraja-api";
import { classifyDarajaResponse, DarajaError } from "./errors";
import { DEFAULT_TRANSACTION_DESC, stkPushInputSchema, type StkPushInput } from "./limits";
import { darajaTimestamp, stkPassword } from "./password";
import { classifyResultCode, type ResultClassification } from "./result-codes";

/**
 * The Daraja client: STK push and STK query over the shared authenticated POST (daraja-api.ts).
 * A push is NEVER retried here: Daraja has no idempotency, so a retry is a second prompt on the
 * customer's phone. The one exception is a rejected access token, which proves nothing was processed.
 */

export type StkPushResult =
  | { kind: "accepted"; merchantRequestId: string; checkoutRequestId: string; customerMessage: string }
  /** Daraja refused the push for good: the payment may be marked FAILED. */
  | { kind: "rejected"; error: DarajaError }
  /** The prompt may be on the phone (timeout, reset, unclear 5xx): wait for a callback or a query. */
  | { kind: "unknown"; reason: string; error: DarajaError }
  /** Nothing reached Daraja (rate limit, connection refused): the caller may try again later. */
  | { kind: "retryable"; error: DarajaError };

export type StkQueryResult =
  | {
      kind: "final";
      resultCode: string;
      resultDesc: string;
      classification: ResultClassification;
      merchantRequestId: string;
      checkoutRequestId: string;
    }
  /** Not final yet: "still processing", or a result code Malipo does not know (`resultCode` says which). */
  | { kind: "pending"; reason: string; resultCode?: string }
  /** The question went unanswered; it says nothing about the payment. */
  | { kind: "error"; error: DarajaError };

export interface DarajaClient {
  stkPush(input: StkPushInput): Promise<StkPushResult>;
  stkQuery(checkoutRequestId: string): Promise<StkQueryResult>;
  getAccessToken(): Promise<string>;
  /** The authenticated POST underneath, sharing the token cache: for the initiator APIs. */
  api: DarajaApi;
}

export interface DarajaClientDeps {
  fetch?: typeof fetch;
  now?: () => Date;
  logger?: Logger;
}

export function createDarajaClient(config: DarajaConfig, deps: DarajaClientDeps = {}): DarajaClient {
  const api = createDarajaApi(config, deps);
  const { now, logger, post } = api;

  // Timestamp and password come from one darajaTimestamp() call: they must match byte for byte.
  function credentials(): { BusinessShortCode: string; Password: string; Timestamp: string } {
    const timestamp = darajaTimestamp(now());
    return { BusinessShortCode: config.shortcode, Password: stkPassword(config.shortcode, config.passkey, timestamp), Timestamp: timestamp };
  }

  async function stkPush(input: StkPushInput): Promise<StkPushResult> {
    const parsed = stkPushInputSchema.safeParse(input);
    if (!parsed.success) return { kind: "rejected", error: invalidInputError(parsed.error, "Invalid payment request") };
    const { amount, phone, accountReference, description, callbackUrl } = parsed.data;
    const till = config.tillNumber;
    const answer = await post("stk_push", "/mpesa/stkpush/v1/processrequest", () => {
      const { BusinessShortCode, Password, Timestamp } = credentials();
      // Numbers as in Safaricom's own sample; for a till, PartyB is the till and the shortcode is the store number.
      return {
        BusinessShortCode: Number(BusinessShortCode),
        Password,
        Timestamp,
        TransactionType: till ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline",
        Amount: amount,
        PartyA: Number(phone),
        PartyB: Number(till ?? config.shortcode),
        PhoneNumber: Number(phone),
        CallBackURL: callbackUrl,
        AccountReference: accountReference,
        TransactionDesc: description ?? DEFAULT_TRANSACTION_DESC,
      };
    });
    const log = logger.child({ phone: maskPhone(phone), amount });
    const result = answer.ok ? readPushAnswer(answer) : pushFailure(answer.error);
    if (result.kind === "accepted") log.info({ checkoutRequestId: result.checkoutRequestId }, "STK push accepted");
    else if (result.kind === "unknown") log.warn({ reason: result.reason }, "STK push outcome unknown");
    else log.warn({ kind: result.kind, errorCode: result.error.errorCode, reason: result.error.message }, "STK push not accepted");
    return result;
  }

  async function stkQuery(checkoutRequestId: string): Promise<StkQueryResult> {
    const id = typeof checkoutRequestId === "string" ? checkoutRequestId.trim() : "";
    if (!id) return { kind: "error", error: new DarajaError({ kind: "permanent", message: "CheckoutRequestID is required", field: "CheckoutRequestID" }) };
    const answer = await post("stk_query", "/mpesa/stkpushquery/v1/query", () => ({ ...credentials(), CheckoutRequestID: id }));
    const result = answer.ok ? readQueryAnswer(answer, id) : queryFailure(answer.error);
    if (result.kind === "error" && result.error.kind === "configuration") {
      logger.error({ checkoutRequestId: id, errorCode: result.error.errorCode, reason: result.error.message }, "Daraja refused Malipo's configuration: status queries cannot work until it is fixed");
    } else if (result.kind === "error") logger.warn({ checkoutRequestId: id, errorCode: result.error.errorCode, reason: result.error.message }, "STK query failed");
    else logger.debug({ checkoutRequestId: id, kind: result.kind }, "STK query answered");
    return result;
  }

  return { stkPush, stkQuery, getAccessToken: api.getAccessToken, api };
}

function readPushAnswer(answer: Extract<DarajaAnswer, { ok: true }>): StkPushResult {
  const body = answer.json;
  if (body && body.errorCode != null) return pushFailure(classifyDarajaResponse("stk_push", answer.status, answer.text));
  const responseCode = body?.ResponseCode == null ? null : String(body.ResponseCode).trim();
  const merchantRequestId = text(body?.MerchantRequestID);
  const checkoutRequestId = text(body?.CheckoutRequestID);
  if (responseCode === "0" && merchantRequestId && checkoutRequestId) {
    return { kind: "accepted", merchantRequestId, checkoutRequestId, customerMessage: text(body?.CustomerMessage) ?? "" };
  }
  if (responseCode !== null && responseCode !== "0") {
    const description = text(body?.ResponseDescription) ?? text(body?.CustomerMessage);
    return {
      kind: "rejected",
      error: new DarajaError({ kind: "permanent", httpStatus: answer.status, errorCode: responseCode, errorMessage: description,
        message: `Daraja did not accept the push (ResponseCode ${responseCode}${description ? `: ${description}` : ""})` }),
    };
  }
  // A 2xx we cannot read may still have started a prompt.
  const error = new DarajaError({ kind: "unknown_outcome", httpStatus: answer.status,
    message: `Daraja answered HTTP ${answer.status} without a readable acknowledgement` });
  return { kind: "unknown", reason: error.message, error };
}

function pushFailure(error: DarajaError): StkPushResult {
  switch (error.kind) {
    case "permanent":
    case "configuration":
      return { kind: "rejected", error };
    case "retryable":
      return { kind: "retryable", error };
    case "unknown_outcome":
      return { kind: "unknown", reason: error.message, error };
  }
}

function readQueryAnswer(answer: Extract<DarajaAnswer, { ok: true }>, id: string): StkQueryResult {
  const body = answer.json;
  if (body && body.errorCode != null) return queryFailure(classifyDarajaResponse("stk_query", answer.status, answer.text));
  const code = body?.ResultCode;
  if (typeof code === "number" || (typeof code === "string" && code.trim() !== "")) {
    const classification = classifyResultCode(code);
    const resultDesc = text(body?.ResultDesc) ?? "";
    if (classification.outcome === "pending") return { kind: "pending", reason: classification.reason };
    // Possibly a new "still processing" code: asking again is safe, failing the payment is not.
    if (classification.outcome === "unknown") {
      return { kind: "pending", resultCode: classification.code, reason: `M-Pesa answered result code ${classification.code || "(empty)"}, which Malipo does not recognise; asking again later` };
    }
    return {
      kind: "final",
      resultCode: classification.code,
      resultDesc,
      classification,
      merchantRequestId: text(body?.MerchantRequestID) ?? "",
      checkoutRequestId: text(body?.CheckoutRequestID) ?? id,
    };
  }
  return {
    kind: "error",
    error: new DarajaError({ kind: "retryable", httpStatus: answer.status, message: `Daraja answered the query with HTTP ${answer.status} but no ResultCode` }),
  };
}

// 500.001.1001 answers "being processed", "" and even "does not Exist" for a live push: ask again
// later. The same code also says "Wrong credentials" and "Merchant does not exist": those are
// classified as configuration errors, and stay errors, so they are reported instead of waited out.
function queryFailure(error: DarajaError): StkQueryResult {
  if (error.errorCode === "500.001.1001" && error.kind !== "configuration") {
    return { kind: "pending", reason: `M-Pesa has no answer yet (500.001.1001${error.errorMessage ? `: ${error.errorMessage}` : ""})` };
  }
  return { kind: "error", error };
}

// Daraja's text ends up in PostgreSQL, which refuses NUL: control characters become U+FFFD.
function text(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "\uFFFD") : null;
}
