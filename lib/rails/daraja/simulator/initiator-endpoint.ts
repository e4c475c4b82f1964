import type { ServerResponse } from "node:http";
import type { SimulatorContext } from "./context";
import { sendJson } from "./http";
import { conversationId, placeholderTransactionId } from "./ledger-ids";
import { keep } from "./ledger-state";
import type { InitiatorKind, InitiatorRequestRecord } from "./ledger-types";
import { postNotification } from "./post-json";
import { buildQueueTimeout, buildResult, type ResultParameter } from "./result-payload";

/**
 * The asynchronous life shared by Transaction Status, Reversal and B2C: acknowledge at once
 * (ResponseCode "0" means only "queued"), then after `resultDelayMs` check the initiator
 * credentials (2001, 8006), let the product decide, and POST the result to ResultURL, a notice to
 * QueueTimeOutURL, or nothing at all. Each is POSTed once, never retried.
 */
export type ProcessOutcome =
  | { kind: "result"; code: number | string; desc: string; transactionId?: string; parameters?: readonly ResultParameter[]; receipt?: string | null; scenario?: string }
  /** Processed, but the result is lost: only Transaction Status can tell. */
  | { kind: "no-result"; code: number | string; desc: string; receipt: string | null; scenario: string }
  | { kind: "queue-timeout"; scenario: string };

export interface InitiatorRequestInput {
  kind: InitiatorKind;
  initiator: { name: string; credential: string; resultUrl: string; queueTimeoutUrl: string };
  /** The request as sent, for introspection; the SecurityCredential is removed here. */
  body: Record<string, unknown>;
  /** B2C v3 brings its own; the others get one made up. */
  originatorConversationId?: string;
  referenceData: ResultParameter;
  process: (record: InitiatorRequestRecord) => ProcessOutcome;
}

export function acceptInitiatorRequest(ctx: SimulatorContext, res: ServerResponse, input: InitiatorRequestInput): InitiatorRequestRecord {
  const { SecurityCredential: _secret, ...request } = input.body;
  const record = keep(ctx.ledger.requests, {
    kind: input.kind,
    originatorConversationId: input.originatorConversationId ?? ctx.ids.merchantRequestId(),
    conversationId: conversationId(ctx.now(), ctx.random),
    receivedAt: ctx.now(),
    request,
    resultUrl: input.initiator.resultUrl,
    queueTimeoutUrl: input.initiator.queueTimeoutUrl,
    outcome: null,
    results: [],
    queueTimeouts: [],
  } satisfies InitiatorRequestRecord);
  sendJson(res, 200, {
    OriginatorConversationID: record.originatorConversationId,
    ConversationID: record.conversationId,
    ResponseCode: "0",
    ResponseDescription: "Accept the service request successfully.",
  });
  ctx.scheduler.after(ctx.options.ledger.resultDelayMs, () => settle(ctx, record, input));
  return record;
}

async function settle(ctx: SimulatorContext, record: InitiatorRequestRecord, input: InitiatorRequestInput): Promise<void> {
  const verdict = ctx.ledger.initiators.check(input.initiator.name, input.initiator.credential);
  const outcome: ProcessOutcome = verdict.ok ? input.process(record) : { kind: "result", code: verdict.code, desc: verdict.desc, scenario: "credentials" };
  const ids = { originatorConversationId: record.originatorConversationId, conversationId: record.conversationId };
  if (outcome.kind === "queue-timeout") {
    record.outcome = { resultCode: "1", resultDesc: "The service request timed out.", scenario: outcome.scenario, receipt: null };
    const delivery = await postNotification(ctx, record.queueTimeoutUrl, buildQueueTimeout({ ...ids, at: ctx.now() }));
    record.queueTimeouts.push(delivery);
    return;
  }
  record.outcome = { resultCode: outcome.code, resultDesc: outcome.desc, scenario: outcome.scenario ?? "success", receipt: outcome.receipt ?? null };
  ctx.log.info({ kind: record.kind, conversationId: record.conversationId, resultCode: outcome.code, delivered: outcome.kind === "result" }, "initiator request processed");
  if (outcome.kind === "no-result") return;
  const body = buildResult({
    ...ids, code: outcome.code, desc: outcome.desc, transactionId: outcome.transactionId ?? placeholderTransactionId(ctx.now()),
    parameters: outcome.parameters, referenceData: input.referenceData,
  });
  record.results.push(await postNotification(ctx, record.resultUrl, body));
}
