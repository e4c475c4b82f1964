import { isRecord, textOf } from "../daraja-api";
import { field, jsonObjectOf } from "../parse-json-body";

/**
 * A QueueTimeOutURL notice: the request timed out in M-Pesa's queue. Its body is not documented
 * (one SDK assumes the Result envelope with ResultType 1), so anything that is a JSON object is
 * accepted and what can be read is read. It does NOT say the request failed: treat the outcome as
 * unknown and ask Transaction Status before sending the request again.
 */
export interface QueueTimeoutNotice {
  originatorConversationId: string | null;
  conversationId: string | null;
  resultCode: string | null;
  resultDesc: string | null;
  raw: Record<string, unknown>;
}

export type ParseQueueTimeoutResult = { ok: true; notice: QueueTimeoutNotice } | { ok: false; reason: string };

export function parseQueueTimeout(body: unknown): ParseQueueTimeoutResult {
  const json = jsonObjectOf(body);
  if (!json.ok) return json;
  const envelope = field(json.value, "Result");
  const source = isRecord(envelope) ? envelope : json.value;
  return {
    ok: true,
    notice: {
      originatorConversationId: textOf(field(source, "OriginatorConversationID")),
      conversationId: textOf(field(source, "ConversationID")),
      resultCode: textOf(field(source, "ResultCode")),
      resultDesc: textOf(field(source, "ResultDesc")),
      raw: json.value,
    },
  };
}
