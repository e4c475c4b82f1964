import type { IncomingMessage, ServerResponse } from "node:http";
import { requireSession } from "./auth";
import type { SimulatorContext } from "./context";
import { CODE, sendVodacom } from "./responses";
import { SANDBOX_QUERY_REFERENCES } from "./scenarios";
import type { TransactionState } from "./types";
import { validateQuery, type Account } from "./validate";

// Only the words Vodacom documents: a declined payment has no word of its own, so it reads N/A like one still waiting.
const STATUS_WORD: Readonly<Record<TransactionState, string>> = {
  awaiting: "N/A",
  completed: "Completed",
  cancelled: "Cancelled",
  expired: "Expired",
  failed: "N/A",
};

// GET /{sandbox|openapi}/ipg/v2/{market}/queryTransactionStatus/?input_… – what became of a payment or reversal
export function handleQueryTransactionStatus(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, url: URL, account: Account): void {
  if (!requireSession(ctx, req, res, "queryTransactionStatus")) return;
  const ids = { output_ConversationID: ctx.ids.conversationId(), output_ThirdPartyConversationID: url.searchParams.get("input_ThirdPartyConversationID") ?? "" };
  const checked = validateQuery(url.searchParams, account);
  if (!checked.ok) return sendVodacom(res, checked.code, ids);
  const { queryReference, serviceProviderCode } = checked.value;
  // The query answers 200, unlike the payment APIs' 201.
  const found = (status: string, transactionId: string, reversed: boolean) => sendVodacom(res, CODE.SUCCESS,
    { output_ResponseTransactionStatus: status, output_OriginalTransactionID: transactionId, output_Reversed: reversed ? "True" : "False", ...ids }, 200);

  const magic = account.sandbox && Object.hasOwn(SANDBOX_QUERY_REFERENCES, queryReference) ? SANDBOX_QUERY_REFERENCES[queryReference] : undefined;
  if (magic) return magic.code === CODE.SUCCESS ? found("Completed", queryReference, magic.reversed === true) : sendVodacom(res, magic.code, ids);

  const record = ctx.store.find(serviceProviderCode, queryReference);
  if (!record || record.market !== account.market.code) return sendVodacom(res, CODE.NOT_FOUND, ids);
  const status = STATUS_WORD[record.state];
  record.queries.push({ at: ctx.now(), status });
  found(status, record.transactionId ?? "N/A", record.reversedMinor > 0);
}
