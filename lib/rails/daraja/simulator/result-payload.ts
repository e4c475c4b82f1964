import { placeholderTransactionId } from "./ledger-ids";

/**
 * The Result envelope POSTed to ResultURL, as Daraja sends it: ResultType and ResultCode as JSON
 * numbers (alphanumeric codes as strings), parameters as Key/Value items (a Key without a Value
 * where Daraja leaves it out), no ResultParameters on failures, ReferenceData naming Daraja's own
 * internal queue URL. The QueueTimeOut body is undocumented; this is the shape one SDK assumes.
 */
export type ResultParameter = readonly [key: string, value?: string | number];

export interface ResultInput {
  code: number | string;
  desc: string;
  originatorConversationId: string;
  conversationId: string;
  /** A new receipt on success; the day's placeholder otherwise. */
  transactionId: string;
  parameters?: readonly ResultParameter[];
  referenceData: ResultParameter;
}

export function buildResult(input: ResultInput) {
  const item = ([Key, Value]: ResultParameter) => (Value === undefined ? { Key } : { Key, Value });
  const result: Record<string, unknown> = {
    ResultType: 0,
    ResultCode: input.code,
    ResultDesc: input.desc,
    OriginatorConversationID: input.originatorConversationId,
    ConversationID: input.conversationId,
    TransactionID: input.transactionId,
  };
  if (input.parameters && input.parameters.length > 0) result.ResultParameters = { ResultParameter: input.parameters.map(item) };
  result.ReferenceData = { ReferenceItem: item(input.referenceData) };
  return { Result: result };
}

export function buildQueueTimeout(input: { originatorConversationId: string; conversationId: string; at: Date }) {
  return {
    Result: {
      ResultType: 1,
      ResultCode: "1",
      ResultDesc: "The service request timed out.",
      OriginatorConversationID: input.originatorConversationId,
      ConversationID: input.conversationId,
      TransactionID: placeholderTransactionId(input.at),
    },
  };
}

/** Daraja's internal queue URLs, echoed in ReferenceData. */
export const INTERNAL_QUEUE = {
  reversal: "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit",
  b2c: "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit",
} as const;
