import { envelopeError, type DarajaApi } from "../daraja-api";
import { DarajaError } from "../errors";
import { formatEatDateTime } from "../eat-time";
import { readPullQueryBody, readPullTransaction, type PullRowResult, type PullTransaction } from "./response";

/**
 * One page of Pull Transactions for a window of at most 48 hours (EAT wall-clock times, the form
 * SDKs send). Routes on ResponseCode, never on the HTTP status: failures come as HTTP 200 too.
 */
export const PULL_QUERY_PATH = "/pulltransactions/v1/query";
/** Transactions can be pulled only within 48 hours, and a window may not be longer. */
export const PULL_MAX_WINDOW_MS = 48 * 60 * 60 * 1000;

export interface PullQueryInput {
  shortCode: string;
  start: Date;
  end: Date;
  /** OffSetValue: a row offset or a page index; the documentation says both (see pullTransactionsWindow). */
  offset: number;
}

export type PullQueryResult =
  | { kind: "page"; transactions: PullTransaction[]; unreadable: Extract<PullRowResult, { ok: false }>[]; rowCount: number; totalPages: number | null; responseRefId: string | null }
  /** 1001: nothing in this window, or the shortcode is not set up for Pull (indistinguishable). */
  | { kind: "none"; message: string; responseRefId: string | null }
  | { kind: "error"; error: DarajaError };

export async function queryPullTransactions(api: DarajaApi, input: PullQueryInput): Promise<PullQueryResult> {
  const problem = checkWindow(input);
  if (problem) return { kind: "error", error: new DarajaError({ kind: "permanent", message: problem.message, field: problem.field }) };
  const answer = await api.post("pull_query", PULL_QUERY_PATH, {
    ShortCode: input.shortCode,
    StartDate: formatEatDateTime(input.start),
    EndDate: formatEatDateTime(input.end),
    OffSetValue: String(input.offset),
  });
  if (!answer.ok) return { kind: "error", error: answer.error };
  const envelope = envelopeError("pull_query", answer);
  if (envelope) return { kind: "error", error: envelope };
  const body = readPullQueryBody(answer.json);
  if (body.responseCode === "1001") return { kind: "none", message: body.message, responseRefId: body.responseRefId };
  if (body.responseCode !== "1000") {
    const code = body.responseCode;
    // "500" = "failed to retrieve transactions": Daraja's side, worth asking again; anything else is ours.
    const kind = code === null || code.startsWith("5") ? "retryable" : "permanent";
    return { kind: "error", error: new DarajaError({ kind, httpStatus: answer.status, errorCode: code, errorMessage: body.message,
      message: `Pull Transactions answered ${code ?? "without a ResponseCode"}${body.message ? `: ${body.message}` : ""}` }) };
  }
  const transactions: PullTransaction[] = [];
  const unreadable: Extract<PullRowResult, { ok: false }>[] = [];
  for (const row of body.rows) {
    const read = readPullTransaction(row);
    if (read.ok) transactions.push(read.transaction);
    else unreadable.push(read);
  }
  return { kind: "page", transactions, unreadable, rowCount: body.rows.length, totalPages: body.totalPages, responseRefId: body.responseRefId };
}

function checkWindow(input: PullQueryInput): { field: string; message: string } | null {
  if (!/^\d{5,9}$/.test(input.shortCode)) return { field: "ShortCode", message: "ShortCode must be 5 to 9 digits" };
  const start = input.start.getTime();
  const end = input.end.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end)) return { field: "StartDate", message: "The window needs a valid start and end" };
  if (end <= start) return { field: "EndDate", message: "The window must end after it starts" };
  if (end - start > PULL_MAX_WINDOW_MS) return { field: "EndDate", message: "A Pull Transactions window may be at most 48 hours" };
  if (!Number.isSafeInteger(input.offset) || input.offset < 0) return { field: "OffSetValue", message: "OffSetValue must be a whole number ≥ 0" };
  return null;
}
