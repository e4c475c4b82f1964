import { isRecord, textOf } from "../daraja-api";
import { field, jsonObjectOf } from "../parse-json-body";

/**
 * The asynchronous Result envelope POSTed to ResultURL by Transaction Status, Reversal and B2C:
 * `{"Result": {ResultType, ResultCode, ResultDesc, OriginatorConversationID, ConversationID,
 * TransactionID, ResultParameters: {ResultParameter: […]}, ReferenceData: {ReferenceItem: …}}}`.
 * Tolerated: ResultCode as a number or a string (alphanumeric ones too), ResultParameter as an
 * array or a lone object, items without a Value, values as strings or numbers, no ResultParameters
 * at all (failures), old spellings with spaces ("Conversation ID").
 */
export type ParameterValue = string | number | boolean | null;

export interface InitiatorResult {
  /** 0 = completed; 1 = "waiting for further messages". */
  resultType: number | null;
  resultCode: string;
  resultDesc: string;
  originatorConversationId: string | null;
  conversationId: string | null;
  /** For a reversal or B2C success, the new receipt; for Transaction Status a placeholder of the query's date (not the receipt). */
  transactionId: string | null;
  /** ResultParameter items by Key; an item without Value is null. The first of a repeated Key wins. */
  parameters: Readonly<Record<string, ParameterValue>>;
  referenceData: Readonly<Record<string, ParameterValue>>;
  raw: Record<string, unknown>;
}

export type ParseInitiatorResult = { ok: true; result: InitiatorResult } | { ok: false; reason: string };

export function parseInitiatorResult(body: unknown): ParseInitiatorResult {
  const json = jsonObjectOf(body);
  if (!json.ok) return json;
  const envelope = field(json.value, "Result");
  if (!isRecord(envelope)) return { ok: false, reason: "Result: missing or not an object" };
  const code = field(envelope, "ResultCode");
  if (!((typeof code === "number" && Number.isFinite(code)) || (typeof code === "string" && code.trim() !== ""))) {
    return { ok: false, reason: "Result.ResultCode: missing" };
  }
  const type = Number(textOf(field(envelope, "ResultType")) ?? NaN);
  const parameters = field(envelope, "ResultParameters");
  const reference = field(envelope, "ReferenceData");
  return {
    ok: true,
    result: {
      resultType: Number.isInteger(type) ? type : null,
      resultCode: String(code).trim(),
      resultDesc: textOf(field(envelope, "ResultDesc")) ?? "",
      originatorConversationId: textOf(field(envelope, "OriginatorConversationID")),
      conversationId: textOf(field(envelope, "ConversationID")),
      transactionId: textOf(field(envelope, "TransactionID")),
      parameters: keyValues(isRecord(parameters) ? field(parameters, "ResultParameter") : undefined),
      referenceData: keyValues(isRecord(reference) ? field(reference, "ReferenceItem") : undefined),
      raw: json.value,
    },
  };
}

function keyValues(items: unknown): Record<string, ParameterValue> {
  const list = Array.isArray(items) ? items : items == null ? [] : [items];
  // A Map first: a Key of "__proto__" must stay a plain key.
  const byKey = new Map<string, ParameterValue>();
  for (const item of list) {
    if (!isRecord(item)) continue;
    const key = textOf(field(item, "Key"));
    if (key === null || byKey.has(key)) continue;
    const value = field(item, "Value");
    byKey.set(key, typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null);
  }
  return Object.fromEntries(byKey);
}

/** "<id> - <name>", split on the first " - " (names are right-padded, dashes doubled-spaced at times). */
export function splitParty(value: ParameterValue | undefined): { identifier: string; name: string | null } | null {
  const text = value === null || value === undefined ? "" : String(value).trim();
  if (text === "") return null;
  const at = text.search(/\s-\s/);
  if (at < 0) return { identifier: text, name: null };
  const name = text.slice(at + 3).replace(/\s+/g, " ").trim();
  return { identifier: text.slice(0, at).trim(), name: name === "" ? null : name };
}
