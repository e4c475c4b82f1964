import { maskPhone } from "../../../logger";
import type { SimulatorContext } from "./context";
import { descriptionOf, type SimCode } from "./responses";
import type { ResultDelivery, TransactionRecord } from "./types";

/**
 * The async form: POSTs a settled transaction's result to the app's response URL, once (Vodacom
 * documents no retries), and records what the listener answered and whether that was the
 * acknowledgement Vodacom expects. Never throws: a listener that is down must not take the
 * simulator with it.
 */
export async function deliverResult(ctx: SimulatorContext, record: TransactionRecord): Promise<void> {
  const url = ctx.options.resultUrl;
  if (!url || record.reportedCode === null) return;
  const body = resultBody(record);
  const delivery: ResultDelivery = { at: ctx.now(), status: null, error: null, body: null, acknowledged: false };
  try {
    const response = await ctx.fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.any([ctx.scheduler.signal, AbortSignal.timeout(ctx.options.resultTimeoutMs)]),
    });
    delivery.status = response.status;
    delivery.body = (await response.text().catch(() => "")).slice(0, 2000);
    delivery.acknowledged = response.ok && isAcknowledgement(delivery.body, record);
  } catch (error) {
    delivery.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  record.deliveries.push(delivery);
  ctx.log[delivery.acknowledged ? "info" : "warn"](
    { conversationId: record.conversationId, phone: record.msisdn ? maskPhone(record.msisdn) : null, status: delivery.status, error: delivery.error },
    delivery.acknowledged ? "result delivered" : "result not acknowledged in Vodacom's shape",
  );
}

export function resultBody(record: TransactionRecord): Record<string, string> {
  const code = record.reportedCode as SimCode;
  return {
    input_OriginalConversationID: record.conversationId,
    input_TransactionID: record.transactionId ?? "N/A",
    input_ResultCode: code,
    input_ResultDesc: descriptionOf(code),
    input_ThirdPartyConversationID: record.thirdPartyConversationId,
  };
}

/** `{output_OriginalConversationID, output_ResponseCode: "0", output_ResponseDesc, output_ThirdPartyConversationID}` with our ids. */
function isAcknowledgement(text: string, record: TransactionRecord): boolean {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof json !== "object" || json === null) return false;
  const ack = json as Record<string, unknown>;
  return String(ack.output_ResponseCode) === "0"
    && typeof ack.output_ResponseDesc === "string"
    && ack.output_OriginalConversationID === record.conversationId
    && ack.output_ThirdPartyConversationID === record.thirdPartyConversationId;
}
