import { createLogger, maskPhone, type Logger } from "@/lib/logger";
import { readC2bPaymentAnswer, validateC2bPayment, buildC2bPaymentBody, type C2bPaymentInput, type C2bPaymentResult } from "./c2b";
import { createVodacomCall } from "./call";
import { resolveVodacomConfig, type VodacomConfig, type VodacomConfigInput } from "./config";
import { queryConversationId } from "./conversation-id";
import { VodacomError } from "./errors";
import { buildQueryParameters, readQueryAnswer, type QueryTransactionStatusInput, type QueryTransactionStatusResult } from "./query";
import { buildReversalBody, readReversalAnswer, validateReversal, type ReversalInput, type ReversalResult } from "./reversal";
import { createSessionProvider } from "./session";
import { refusedBeforeSending } from "./transaction-answer";
import { checkConversationId, checkQueryReference } from "./validation";

/**
 * The Vodacom M-Pesa OpenAPI client for one collection account (market, service provider code,
 * keys). Payments and reversals are NEVER retried here: the only repeat is after Vodacom refused
 * the session, which proves nothing was processed. A timeout is an unknown outcome, for the
 * caller to settle with the status query.
 */
export interface VodacomClient {
  readonly config: VodacomConfig;
  /** C2B single stage; in the sync form this resolves when the customer has answered (or not). */
  c2bPayment(input: C2bPaymentInput): Promise<C2bPaymentResult>;
  queryTransactionStatus(input: QueryTransactionStatusInput): Promise<QueryTransactionStatusResult>;
  reverse(input: ReversalInput): Promise<ReversalResult>;
  /** A live session id (for diagnostics and tests); throws VodacomError. */
  getSession(): Promise<string>;
}

export interface VodacomClientDeps {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Waits out the activation delay; tests make it advance their clock. */
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Random bytes for the status query's own conversation id. */
  randomBytes?: (size: number) => Buffer;
}

export function createVodacomClient(input: VodacomConfigInput | VodacomConfig, deps: VodacomClientDeps = {}): VodacomClient {
  const config = isResolved(input) ? input : resolveVodacomConfig(input);
  const fetchImpl = deps.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const logger = deps.logger ?? createLogger("vodacom", { market: config.market.code, environment: config.environment });
  const sessions = createSessionProvider(config, {
    fetch: fetchImpl,
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    logger,
  });
  const call = createVodacomCall(config, sessions, { fetch: fetchImpl, logger });

  async function c2bPayment(payment: C2bPaymentInput): Promise<C2bPaymentResult> {
    const checked = validateC2bPayment(config, payment);
    if (!checked.ok) return { ...refusedBeforeSending(checked.message, checked.field ?? null), thirdPartyConversationId: null };
    const valid = checked.value;
    const answer = await call({ operation: "c2b_payment", method: "POST", api: "c2bPayment/singleStage", body: buildC2bPaymentBody(config, valid), timeoutMs: config.timeouts.c2bMs });
    const result = readC2bPaymentAnswer(config, answer, valid.thirdPartyConversationId);
    const log = logger.child({ phone: maskPhone(valid.msisdn), amount: valid.amount, thirdPartyConversationId: valid.thirdPartyConversationId });
    if (result.kind === "succeeded" || result.kind === "accepted") log.info({ kind: result.kind }, "Vodacom C2B payment answered");
    else if (result.kind === "unknown") log.warn({ reason: result.reason, duplicate: result.duplicate }, "Vodacom C2B payment outcome unknown");
    else if (result.kind === "failed" || result.kind === "cancelled") log.info({ kind: result.kind, code: result.code }, "Vodacom C2B payment declined");
    else log.warn({ kind: result.kind, errorCode: result.error.errorCode, reason: result.error.message }, "Vodacom C2B payment not taken");
    return result;
  }

  async function queryTransactionStatus(query: QueryTransactionStatusInput): Promise<QueryTransactionStatusResult> {
    const reference = checkQueryReference(query?.queryReference);
    if (!reference.ok) return { kind: "error", error: new VodacomError({ kind: "permanent", message: reference.message, field: "queryReference" }) };
    const conversation = query.conversationId === undefined ? { ok: true as const, value: queryConversationId(deps.randomBytes) } : checkConversationId(query.conversationId);
    if (!conversation.ok) return { kind: "error", error: new VodacomError({ kind: "permanent", message: conversation.message, field: "conversationId" }) };
    const answer = await call({
      operation: "query_transaction_status", method: "GET", api: "queryTransactionStatus",
      query: buildQueryParameters(config, reference.value, conversation.value), timeoutMs: config.timeouts.queryMs,
    });
    const result = readQueryAnswer(answer, conversation.value);
    if (result.kind === "error") logger.warn({ queryReference: reference.value, errorCode: result.error.errorCode, reason: result.error.message }, "Vodacom status query failed");
    else logger.debug({ queryReference: reference.value, kind: result.kind }, "Vodacom status query answered");
    return result;
  }

  async function reverse(reversal: ReversalInput): Promise<ReversalResult> {
    const checked = validateReversal(config, reversal);
    if (!checked.ok) return { ...refusedBeforeSending(checked.message, checked.field ?? null), thirdPartyConversationId: null };
    const valid = checked.value;
    const answer = await call({ operation: "reversal", method: "PUT", api: "reversal", body: buildReversalBody(config, valid), timeoutMs: config.timeouts.reversalMs });
    const result = readReversalAnswer(config, answer, valid.thirdPartyConversationId);
    logger.info({ kind: result.kind, transactionId: valid.transactionId, amount: valid.amount, thirdPartyConversationId: valid.thirdPartyConversationId }, "Vodacom reversal answered");
    return result;
  }

  return { config, c2bPayment, queryTransactionStatus, reverse, getSession: () => sessions.getSession() };
}

function isResolved(input: VodacomConfigInput | VodacomConfig): input is VodacomConfig {
  return typeof input.market === "object" && typeof input.publicKey === "object";
}
