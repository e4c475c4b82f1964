import { isRecord } from "./errors";
import { parseVodacomResult } from "./async-result";
import type { RailCallback } from "@/lib/rails/rail";
import type { ObservationEvidence } from "@/lib/payments/observation";
import { postedResultCallback } from "./rail-answers";

const MAX_ECHO = 64;

/**
 * What Malipo answers Vodacom for a posted result, in Vodacom's own shape (FACTS.md): the two
 * conversation ids echoed, `output_ResponseCode "0"`. Built from whatever the body holds, so even
 * an unreadable body (stored and marked invalid by the worker) is acknowledged: Vodacom must not
 * wait on us, and nothing it posts is lost.
 */
export function vodacomResultAck(body: string): Record<string, string> {
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  const echo = (key: string) => {
    const value = isRecord(json) ? json[key] : undefined;
    return typeof value === "string" && value.length <= MAX_ECHO ? value : "";
  };
  return {
    output_OriginalConversationID: echo("input_OriginalConversationID"),
    output_ResponseCode: "0",
    output_ResponseDesc: "Successfully Accepted Result",
    output_ThirdPartyConversationID: echo("input_ThirdPartyConversationID"),
  };
}

/** A posted result in the core's words: the rail's own reading, as its readCallback gives it, without a client. */
export function readVodacomPostedResult(body: unknown, evidence: ObservationEvidence): RailCallback {
  const parsed = parseVodacomResult(body, "c2b_payment");
  return parsed.ok ? postedResultCallback(parsed.result, evidence) : parsed;
}
